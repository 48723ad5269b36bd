// <state>/.env is read as the gateway's dotenv reads it (util.parseEnv): the cases where a
// hand-written KEY=VALUE parser differs from dotenv.
import { describe, expect, it } from 'vitest';
import { parseDotEnv } from '../../src/store/env-file.js';

describe('<state>/.env parsing', () => {
  it('reads multi-line quoted values, backticks, export and comments as dotenv does', () => {
    const text = [
      '# the daemon environment',
      'export ANTHROPIC_API_KEY=sk-ant-api03-abc',
      'OPENAI_API_KEY="sk-proj-line1',
      'line2"',
      'OPENROUTER_API_KEY=`sk-or-v1-tick`',
      "XAI_API_KEY='xai-single # not a comment'",
      'GROQ_API_KEY="gsk_a\\nb"',
      'MISTRAL_API_KEY=ms-x #trailing comment',
      'DEEPSEEK_API_KEY=ds-x#y',
      '  SPACED  =  value  ',
      'CRLF_KEY=crlf\r',
      'NO_EQUALS_LINE',
      'EMPTY=',
    ].join('\n');
    expect(parseDotEnv(text)).toEqual({
      ANTHROPIC_API_KEY: 'sk-ant-api03-abc',
      OPENAI_API_KEY: 'sk-proj-line1\nline2',
      OPENROUTER_API_KEY: 'sk-or-v1-tick',
      XAI_API_KEY: 'xai-single # not a comment',
      GROQ_API_KEY: 'gsk_a\nb',
      MISTRAL_API_KEY: 'ms-x',
      // dotenv: an unquoted `#` starts a comment (the gateway sees `ds-x`, so do we).
      DEEPSEEK_API_KEY: 'ds-x',
      SPACED: 'value',
      CRLF_KEY: 'crlf',
      EMPTY: '',
    });
  });

  it('returns a plain object', () => {
    const env = parseDotEnv('A=1');
    expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
  });
});
