// Models in use: which model an agent runs, which providers that puts in use, cacheControlTtl, and
// writing the default model back into clawdbot.json without losing anything else in it.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSON5 from 'json5';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  modelParams,
  parseModelRef,
  providersInUse,
  requireModelRef,
  resolveModelsInUse,
  setDefaultModel,
} from '../../src/auth/models-in-use.js';
import { UsageError, type ClawdbotConfig } from '../../src/store/index.js';

describe('resolveModelsInUse', () => {
  it('uses Clawdbot’s default model when the config names none', () => {
    const m = resolveModelsInUse({});
    expect(m).toMatchObject({ primary: DEFAULT_MODEL, fallbacks: [], providers: ['anthropic'], source: 'default' });
    expect(DEFAULT_MODEL).toBe('anthropic/claude-opus-4-5');
  });

  it('reads primary and fallbacks; providers are de-duplicated, primary first', () => {
    const cfg: ClawdbotConfig = {
      agents: { defaults: { model: { primary: 'openai-codex/gpt-5.2', fallbacks: ['anthropic/claude-sonnet-4-5', 'openai-codex/gpt-5.1', 'anthropic/claude-opus-4-5'] } } },
    };
    const m = resolveModelsInUse(cfg);
    expect(m.primary).toBe('openai-codex/gpt-5.2');
    expect(m.fallbacks).toEqual(['anthropic/claude-sonnet-4-5', 'openai-codex/gpt-5.1', 'anthropic/claude-opus-4-5']);
    expect(m.providers).toEqual(['openai-codex', 'anthropic']);
    expect(m.source).toBe('config');
  });

  it('accepts the model as a plain string, as Clawdbot does', () => {
    expect(resolveModelsInUse({ agents: { defaults: { model: 'openrouter/moonshotai/kimi-k2' as never } } }).primary).toBe('openrouter/moonshotai/kimi-k2');
  });

  it('per-agent overrides in agents.list[] win, and their own fallbacks replace the defaults', () => {
    const cfg: ClawdbotConfig = {
      agents: {
        defaults: { model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai/gpt-5.2'] } },
        list: [
          { id: 'coder', model: { primary: 'openai-codex/gpt-5.2', fallbacks: [] } },
          { id: 'writer', model: 'google/gemini-3-pro' },
        ],
      },
    };
    expect(resolveModelsInUse(cfg, 'main').providers).toEqual(['anthropic', 'openai']);
    expect(resolveModelsInUse(cfg, 'coder')).toMatchObject({ primary: 'openai-codex/gpt-5.2', fallbacks: [], providers: ['openai-codex'], source: 'agent' });
    // A string override sets the primary only; the defaults' fallbacks still apply.
    expect(resolveModelsInUse(cfg, 'writer')).toMatchObject({ primary: 'google/gemini-3-pro', fallbacks: ['openai/gpt-5.2'], providers: ['google', 'openai'] });
    expect(providersInUse(cfg, 'nobody')).toEqual(['anthropic', 'openai']);
  });

  it('resolves aliases and bare ids; ignores junk instead of throwing', () => {
    const cfg: ClawdbotConfig = {
      agents: { defaults: { model: { primary: 'opus', fallbacks: ['not a model', 42 as never, 'Z.AI/glm-4.7'] }, models: { 'anthropic/claude-opus-4-5': { alias: 'Opus' } } } },
    };
    const m = resolveModelsInUse(cfg);
    expect(m.primary).toBe('anthropic/claude-opus-4-5');
    expect(m.fallbacks).toEqual(['zai/glm-4.7']);
    expect(parseModelRef('claude-sonnet-4-5')).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(parseModelRef('/x')).toBeUndefined();
    expect(parseModelRef('')).toBeUndefined();
  });

  it('an unusable primary falls back to the default rather than to nothing', () => {
    expect(resolveModelsInUse({ agents: { defaults: { model: { primary: 'bad model id' } } } })).toMatchObject({ primary: DEFAULT_MODEL, source: 'default' });
  });

  it('reports cacheControlTtl of the models in use', () => {
    const cfg: ClawdbotConfig = {
      agents: {
        defaults: {
          model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['anthropic/claude-sonnet-4-5'] },
          models: {
            'anthropic/claude-opus-4-5': { params: { cacheControlTtl: '1h' } },
            'anthropic/claude-haiku-4-5': { params: { cacheControlTtl: '5m' } }, // not in use
          },
        },
      },
    };
    expect(resolveModelsInUse(cfg).cacheControlTtl).toEqual({ 'anthropic/claude-opus-4-5': '1h' });
    expect(modelParams(cfg, 'anthropic/claude-haiku-4-5')).toEqual({ cacheControlTtl: '5m' });
    expect(modelParams(cfg, 'openai/gpt-5.2')).toEqual({});
  });

  it('requireModelRef says what a model id must look like', () => {
    expect(requireModelRef('OpenAI/gpt-5.2')).toBe('openai/gpt-5.2');
    expect(() => requireModelRef('two words')).toThrow(UsageError);
    expect(() => requireModelRef('two words')).toThrow(/use <provider>\/<model>/);
  });
});

describe('setDefaultModel: config round-trips keep every other setting', () => {
  let dir: string;
  afterEach(async () => {
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  });

  async function withConfig(text: string): Promise<string> {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-a2-cfg-'));
    const file = path.join(dir, 'clawdbot.json');
    await fsp.writeFile(file, text);
    return file;
  }

  const HAND_WRITTEN = `// my gateway
{
  gateway: { port: 18789, bind: "loopback" },
  env: { shellEnv: { enabled: true, timeoutMs: 15000 } },
  auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } }, order: { anthropic: ["anthropic:default"] } },
  agents: {
    defaults: {
      workspace: "~/clawd",
      model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"], },
      models: { "anthropic/claude-opus-4-5": { params: { cacheControlTtl: "1h" }, alias: "opus" } },
    },
    list: [ { id: "coder", workspace: "~/code" } ],
  },
  channels: { telegram: { enabled: true, allowFrom: ["+15555550123"] } },
}
`;

  it('changes only the primary of agents.defaults.model', async () => {
    const file = await withConfig(HAND_WRITTEN);
    const before = JSON5.parse(HAND_WRITTEN);
    expect(await setDefaultModel(file, 'openai-codex/gpt-5.2')).toBe('openai-codex/gpt-5.2');
    const after = JSON.parse(await fsp.readFile(file, 'utf8'));
    const expected = structuredClone(before);
    expected.agents.defaults.model.primary = 'openai-codex/gpt-5.2';
    expect(after).toEqual(expected);
    // And the result is what status resolves.
    expect(resolveModelsInUse(after).providers).toEqual(['openai-codex', 'openai']);
    // The previous bytes are kept as a backup.
    expect(await fsp.readFile(`${file}.bak`, 'utf8')).toBe(HAND_WRITTEN);
  });

  it('sets one agent’s model in agents.list[] without touching the defaults or its other fields', async () => {
    const file = await withConfig(HAND_WRITTEN);
    await setDefaultModel(file, 'google/gemini-3-pro', { agentId: 'coder' });
    const after = JSON.parse(await fsp.readFile(file, 'utf8'));
    expect(after.agents.list).toEqual([{ id: 'coder', workspace: '~/code', model: { primary: 'google/gemini-3-pro' } }]);
    expect(after.agents.defaults.model.primary).toBe('anthropic/claude-opus-4-5');
    expect(after.channels).toEqual({ telegram: { enabled: true, allowFrom: ['+15555550123'] } });
    expect(resolveModelsInUse(after, 'coder').primary).toBe('google/gemini-3-pro');
  });

  it('creates the config when there is none, and refuses a bad model without writing', async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-a2-cfg-'));
    const file = path.join(dir, 'clawdbot.json');
    await expect(setDefaultModel(file, 'not a model')).rejects.toThrow(UsageError);
    await expect(fsp.access(file)).rejects.toThrow();
    await setDefaultModel(file, 'anthropic/claude-sonnet-4-5');
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5' } } } });
  });

  it('a corrupt config is left byte-for-byte as it was', async () => {
    const bad = '{ agents: { defaults: { model: ';
    const file = await withConfig(bad);
    await expect(setDefaultModel(file, 'anthropic/claude-sonnet-4-5')).rejects.toThrow(/clawdbot\.json/);
    expect(await fsp.readFile(file, 'utf8')).toBe(bad);
  });
});
