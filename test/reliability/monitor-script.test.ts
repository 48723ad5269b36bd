// contrib/clawdbot-auth-monitor.sh run for real (/bin/sh) against the built CLI and stores in each
// state (ok, expiring, expired, missing), reporting through a fake notify command that records its
// arguments to a file, and through a webhook served by a real HTTP server on 127.0.0.1.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIST_CLI, ROOT, makeTempState, requireBuild, runProcess, writeStore, type TempState } from '../helpers/store-cli.js';

const SCRIPT = path.join(ROOT, 'contrib', 'clawdbot-auth-monitor.sh');
const H = 3_600_000;
const TOKEN_BODY = 'M'.repeat(70);
const TOKEN = `sk-ant-oat01-${TOKEN_BODY}WXYZ`;

let t: TempState;
let notifyLog: string;
beforeAll(() => requireBuild());
afterEach(async () => {
  await t?.cleanup();
});

type State = 'ok' | 'expiring' | 'expired' | 'missing';

async function setup(state: State): Promise<void> {
  t = await makeTempState('cb-e-mon-');
  await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(t.configPath, JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-5' } } } }), { mode: 0o600 });
  await setState(state);
  notifyLog = path.join(t.root, 'notify.log');
  const notify = path.join(t.root, 'fake-notify');
  await fsp.writeFile(
    notify,
    [
      '#!/bin/sh',
      '{',
      '  printf "ARGC=%s\\n" "$#"',
      '  for a in "$@"; do printf "ARG<<%s>>\\n" "$a"; done',
      '  printf "LEVEL=%s EXIT=%s\\n" "$CLAWDBOT_MONITOR_LEVEL" "$CLAWDBOT_MONITOR_EXIT"',
      '} >> "$NOTIFY_LOG"',
      'exit "${FAKE_NOTIFY_EXIT:-0}"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
}

async function setState(state: State): Promise<void> {
  const expires = { ok: Date.now() + 300 * 24 * H, expiring: Date.now() + 5 * H, expired: Date.now() - H }[state as Exclude<State, 'missing'>];
  if (state === 'missing') {
    await fsp.rm(t.storePath, { force: true });
    return;
  }
  await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires } } });
}

function monitor(extra: NodeJS.ProcessEnv = {}) {
  return runProcess('/bin/sh', [SCRIPT], {
    env: {
      ...t.env,
      CLAWDBOT_BIN: `${process.execPath} ${DIST_CLI}`,
      CLAWDBOT_MONITOR_NOTIFY: path.join(t.root, 'fake-notify'),
      CLAWDBOT_MONITOR_CONFIG: path.join(t.root, 'none.env'),
      NOTIFY_LOG: notifyLog,
      ...extra,
    },
    timeoutMs: 30_000,
  });
}

/** Each notify call: its arguments and the level/exit it saw. */
function notifications(): Array<{ args: string[]; level: string; exit: string }> {
  if (!fs.existsSync(notifyLog)) return [];
  const text = fs.readFileSync(notifyLog, 'utf8');
  return text
    .split(/^ARGC=/m)
    .filter(Boolean)
    .map((chunk) => {
      const args = [...chunk.matchAll(/ARG<<([\s\S]*?)>>\n/g)].map((m) => m[1]!);
      const lv = /LEVEL=(\S*) EXIT=(\S*)/.exec(chunk)!;
      expect(Number(chunk.split('\n')[0])).toBe(args.length);
      return { args, level: lv[1]!, exit: lv[2]! };
    });
}

describe('clawdbot-auth-monitor.sh', () => {
  it('ok: exit 0 and no notification (unless asked for)', async () => {
    await setup('ok');
    const r = await monitor();
    expect(r.code).toBe(0);
    expect(notifications()).toEqual([]);
    const r2 = await monitor({ CLAWDBOT_MONITOR_NOTIFY_OK: '1' });
    expect(r2.code).toBe(0);
    const n = notifications();
    expect(n).toHaveLength(1);
    expect(n[0]!.level).toBe('ok');
    expect(n[0]!.args[0]).toMatch(/^Clawdbot auth OK on /);
  });

  it('expiring: exit 2, one notification naming the profile and its fix', async () => {
    await setup('expiring');
    const r = await monitor();
    expect(r.code).toBe(2);
    const n = notifications();
    expect(n).toHaveLength(1);
    expect(n[0]!.args).toHaveLength(2);
    expect(n[0]!.level).toBe('warning');
    expect(n[0]!.exit).toBe('2');
    expect(n[0]!.args[0]).toMatch(/credentials expiring within 24h on /);
    expect(n[0]!.args[1]).toContain('anthropic:manual');
    expect(n[0]!.args[1]).toContain('clawdbot models auth setup-token');
    expect(fs.readFileSync(notifyLog, 'utf8')).not.toContain(TOKEN_BODY.slice(0, 12));
  });

  it('the warn window is configurable', async () => {
    await setup('expiring');
    const r = await monitor({ CLAWDBOT_MONITOR_WARN_WITHIN: '2h' });
    expect(r.code).toBe(0);
    expect(notifications()).toEqual([]);
  });

  it('CLAWDBOT_MONITOR_WARN_USAGE: a subscription window over the percent is a warning naming the profile', async () => {
    await setup('ok');
    const { startFakeUsageApi, anthropicUsageBody } = await import('../helpers/fake-usage-api.js');
    const api = await startFakeUsageApi();
    try {
      api.replies.set(TOKEN, { status: 200, body: anthropicUsageBody(95, 40) });
      const r = await monitor({ CLAWDBOT_MONITOR_WARN_USAGE: '90', ANTHROPIC_BASE_URL: api.url });
      expect(r.code).toBe(2);
      const n = notifications();
      expect(n).toHaveLength(1);
      expect(n[0]!.level).toBe('warning');
      expect(n[0]!.args[0]).toMatch(/or a subscription window over 90% used on /);
      expect(n[0]!.args[1]).toMatch(/anthropic:manual: 5h window 95% used \(over 90%/);
      // Unset, nothing is asked.
      const before = api.requests.length;
      expect((await monitor({ ANTHROPIC_BASE_URL: api.url })).code).toBe(0);
      expect(api.requests.length).toBe(before);
    } finally {
      await api.close();
    }
  });

  it('expired: exit 1, an error notification naming the expired profile', async () => {
    await setup('expired');
    const r = await monitor();
    expect(r.code).toBe(1);
    const n = notifications();
    expect(n).toHaveLength(1);
    expect(n[0]!.level).toBe('error');
    expect(n[0]!.args[0]).toMatch(/credentials expired or missing on /);
    expect(n[0]!.args[1]).toMatch(/anthropic:manual: expired/);
  });

  it('missing: exit 1, the notification says the provider in use has no credential', async () => {
    await setup('missing');
    const r = await monitor();
    expect(r.code).toBe(1);
    const n = notifications();
    expect(n).toHaveLength(1);
    expect(n[0]!.level).toBe('error');
    expect(n[0]!.args[1]).toContain('anthropic is in use');
    expect(n[0]!.args[1]).toContain('no usable credential');
  });

  it('posts JSON to a webhook (real HTTP server on 127.0.0.1) as well', async () => {
    await setup('expired');
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      let b = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (b += d));
      req.on('end', () => {
        bodies.push(JSON.stringify({ method: req.method, type: req.headers['content-type'], body: b }));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await monitor({ CLAWDBOT_MONITOR_WEBHOOK: `http://127.0.0.1:${port}/hook`, CLAWDBOT_MONITOR_NOTIFY: 'true' });
      expect(r.code).toBe(1);
      expect(bodies).toHaveLength(1);
      const req = JSON.parse(bodies[0]!) as { method: string; type: string; body: string };
      expect(req.method).toBe('POST');
      expect(req.type).toBe('application/json');
      const payload = JSON.parse(req.body) as { level: string; title: string; text: string; host: string; exitCode: number };
      expect(payload.level).toBe('error');
      expect(payload.exitCode).toBe(1);
      expect(payload.title).toMatch(/expired or missing/);
      expect(payload.text).toContain('anthropic:manual');
      expect(payload.text).not.toContain(TOKEN_BODY.slice(0, 12));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a webhook that fails makes the run exit 4', async () => {
    await setup('expired');
    const server = http.createServer((_req, res) => {
      res.statusCode = 500;
      res.end('no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await monitor({ CLAWDBOT_MONITOR_WEBHOOK: `http://127.0.0.1:${port}/hook` });
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('reporting failed');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('clawdbot not found: exit 3 and a failure notification that says what to set', async () => {
    await setup('ok');
    const r = await monitor({ CLAWDBOT_BIN: path.join(t.root, 'no-such-clawdbot') });
    expect(r.code).toBe(3);
    const n = notifications();
    expect(n).toHaveLength(1);
    expect(n[0]!.level).toBe('failure');
    expect(n[0]!.args[1]).toContain('CLAWDBOT_BIN');
  });

  it('only-changes mode: reports a new problem once, then the recovery', async () => {
    await setup('expired');
    const env = { CLAWDBOT_MONITOR_ONLY_CHANGES: '1', CLAWDBOT_MONITOR_STATE: path.join(t.root, 'state', 'monitor.state') };
    expect((await monitor(env)).code).toBe(1);
    expect((await monitor(env)).code).toBe(1);
    expect(notifications().map((n) => n.level)).toEqual(['error']);
    await setState('ok');
    expect((await monitor(env)).code).toBe(0);
    expect((await monitor(env)).code).toBe(0);
    expect(notifications().map((n) => n.level)).toEqual(['error', 'ok']);
  });

  it('CLAWDBOT_MONITOR_AGENT=all checks every agent', async () => {
    await setup('ok');
    await writeStore(t.agentStorePath('work'), { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() - H } } });
    expect((await monitor()).code).toBe(0);
    const r = await monitor({ CLAWDBOT_MONITOR_AGENT: 'all' });
    expect(r.code).toBe(1);
    const n = notifications();
    expect(n).toHaveLength(1);
    expect(n[0]!.args[1]).toContain('work');
    expect(n[0]!.args[1]).toMatch(/anthropic:manual: expired/);
  });

  it('reads its settings from the config file; the environment wins', async () => {
    await setup('expired');
    const conf = path.join(t.root, 'auth-monitor.env');
    await fsp.writeFile(conf, `# monitor settings\nCLAWDBOT_MONITOR_AGENT=work\nCLAWDBOT_MONITOR_NOTIFY="${path.join(t.root, 'fake-notify')}"\n`);
    // Agent "work" has a healthy store; main (expired) is not checked.
    await writeStore(t.agentStorePath('work'), { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() + 300 * 24 * H } } });
    const r = await monitor({ CLAWDBOT_MONITOR_CONFIG: conf, CLAWDBOT_MONITOR_NOTIFY: undefined });
    expect(r.code).toBe(0);
    const r2 = await monitor({ CLAWDBOT_MONITOR_CONFIG: conf, CLAWDBOT_MONITOR_AGENT: 'main', CLAWDBOT_MONITOR_NOTIFY: undefined });
    expect(r2.code).toBe(1);
    expect(notifications().map((n) => n.level)).toEqual(['error']);
  });

  it('the shipped systemd units fit together and run the installed script', async () => {
    const service = await fsp.readFile(path.join(ROOT, 'contrib', 'systemd', 'clawdbot-auth-monitor.service'), 'utf8');
    const timer = await fsp.readFile(path.join(ROOT, 'contrib', 'systemd', 'clawdbot-auth-monitor.timer'), 'utf8');
    const setting = (unit: string, section: string, key: string) => {
      const body = unit.split(/^\[/m).find((b) => b.startsWith(`${section}]`)) ?? '';
      return [...body.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());
    };
    expect(setting(service, 'Service', 'Type')).toEqual(['oneshot']);
    expect(setting(service, 'Service', 'ExecStart')).toEqual(['%h/.local/bin/clawdbot-auth-monitor']);
    expect(setting(service, 'Service', 'SuccessExitStatus')).toEqual(['1 2']);
    expect(setting(timer, 'Timer', 'OnUnitActiveSec')).toEqual(['6h']);
    expect(setting(timer, 'Install', 'WantedBy')).toEqual(['timers.target']);
    // The docs install the script where ExecStart looks for it.
    const docs = await fsp.readFile(path.join(ROOT, 'docs', 'monitoring.md'), 'utf8');
    expect(docs).toContain('install -Dm755 contrib/clawdbot-auth-monitor.sh ~/.local/bin/clawdbot-auth-monitor');
    expect(docs).toContain('systemctl --user enable --now clawdbot-auth-monitor.timer');
    expect(fs.statSync(SCRIPT).mode & 0o111).not.toBe(0);
  });
});
