// `exec` secret providers: a program that prints secrets (a 1Password `op read` wrapper, `pass`,
// `secret-tool`, Vault...). It is run directly (no shell, so nothing in the config is ever
// interpreted), must be an absolute regular file only its owner can change, gets only the
// environment variables the config lists, and is killed (with anything it started) at the timeout.
// Its stderr is never shown: tools print secrets and tokens there when they fail.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../store/paths.js';
import type { ExecProviderConfig } from '../store/secret-ref.js';
import type { RefResolution } from './resolution.js';
import { loosePermissionProblem } from './resolve-file.js';
import { lazyChildProcess } from '../util/lazy-builtins.js';

export const EXEC_TIMEOUT_MS = 5000;
export const EXEC_MAX_OUTPUT_BYTES = 1024 * 1024;
export const EXEC_PROTOCOL_VERSION = 1;

function fail(problem: string, fix: string): RefResolution {
  return { ok: false, problem, fix };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the command before anything runs; undefined when it may run. */
async function commandProblem(command: unknown, label: string): Promise<RefResolution | undefined> {
  if (typeof command !== 'string' || !path.isAbsolute(command)) {
    return fail(`${label}.command must be an absolute path to a program`, `set ${label}.command to e.g. /usr/local/bin/op-read-secret`);
  }
  let st;
  try {
    st = await fsp.lstat(command);
  } catch {
    return fail(`secret command ${command} (${label}) does not exist`, `install it, or fix ${label}.command in the config`);
  }
  if (st.isSymbolicLink()) return fail(`secret command ${command} (${label}) is a symlink; it was not run`, `point ${label}.command at the real file`);
  if (!st.isFile()) return fail(`secret command ${command} (${label}) is not a regular file`, `point ${label}.command at a program`);
  if (!(st.mode & 0o111)) return fail(`secret command ${command} (${label}) is not executable`, `chmod u+x ${command}`);
  return loosePermissionProblem(command, st, 'secret command');
}

interface RunOutcome {
  stdout?: string;
  problem?: string;
}

function runCommand(cfg: ExecProviderConfig, env: Env, input: string, timeoutMs: number, maxBytes: number): Promise<RunOutcome> {
  const childEnv: Record<string, string> = {};
  for (const name of Array.isArray(cfg.passEnv) ? cfg.passEnv : []) {
    const v = env[name];
    if (typeof name === 'string' && typeof v === 'string') childEnv[name] = v;
  }
  if (isRecord(cfg.env)) for (const [k, v] of Object.entries(cfg.env)) if (typeof v === 'string') childEnv[k] = v;
  const args = Array.isArray(cfg.args) ? cfg.args.filter((a): a is string => typeof a === 'string') : [];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: RunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    // Its own process group, so a timeout also ends what it started (`op`, `gpg`, a `sleep`).
    const child = lazyChildProcess().spawn(cfg.command, args, { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'], detached: true, shell: false });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      killGroup();
      finish({ problem: `did not answer within ${timeoutMs} ms and was stopped` });
    }, timeoutMs);
    const out: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > maxBytes) {
        killGroup();
        finish({ problem: `printed more than ${maxBytes} bytes and was stopped` });
      } else out.push(b);
    });
    // Read and dropped: never shown, never logged.
    child.stderr.on('data', () => undefined);
    child.on('error', (err) => finish({ problem: `could not be started (${(err as NodeJS.ErrnoException).code ?? 'error'})` }));
    child.on('close', (code, signal) => {
      if (signal) return finish({ problem: `was ended by ${signal}` });
      if (code !== 0) return finish({ problem: `exited with code ${code}` });
      finish({ stdout: Buffer.concat(out).toString('utf8') });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** A provider-side error message, made safe to show: one line, short, no control characters. */
function shortMessage(m: unknown): string {
  const text = typeof m === 'string' ? m : '';
  const clean = text.replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ').trim().slice(0, 120);
  return clean || 'no message';
}

/**
 * Resolve every id of one exec provider in one run (the protocol takes a list). With
 * `jsonOnly: false` and a single id, plain stdout is that id's value.
 */
export async function resolveExecRefs(alias: string, ids: string[], cfg: ExecProviderConfig, env: Env): Promise<Map<string, RefResolution>> {
  const label = `secrets.providers.${alias}`;
  const results = new Map<string, RefResolution>();
  const all = (r: RefResolution) => {
    for (const id of ids) results.set(id, r);
    return results;
  };
  const bad = await commandProblem(cfg.command, label);
  if (bad) return all(bad);
  const timeoutMs = typeof cfg.timeoutMs === 'number' && cfg.timeoutMs > 0 ? cfg.timeoutMs : EXEC_TIMEOUT_MS;
  const maxBytes = typeof cfg.maxOutputBytes === 'number' && cfg.maxOutputBytes > 0 ? cfg.maxOutputBytes : EXEC_MAX_OUTPUT_BYTES;
  const input = JSON.stringify({ protocolVersion: EXEC_PROTOCOL_VERSION, provider: alias, ids });
  const run = await runCommand(cfg, env, input, timeoutMs, maxBytes);
  const who = `secret command ${cfg.command} (${label})`;
  if (run.problem !== undefined) {
    const fix = run.problem.startsWith('did not answer') ? `check that it works on its own, or raise ${label}.timeoutMs` : `run it by hand to see why (its stderr is not shown here)`;
    return all(fail(`${who} ${run.problem}`, fix));
  }
  const stdout = run.stdout ?? '';
  let reply: unknown;
  try {
    reply = JSON.parse(stdout);
  } catch {
    reply = undefined;
  }
  if (!isRecord(reply) || reply.protocolVersion === undefined) {
    const plainAllowed = cfg.jsonOnly === false && ids.length === 1;
    const value = stdout.replace(/\r?\n$/, '');
    if (plainAllowed && value.trim() && !value.includes('\n')) return all({ ok: true, value });
    // Never quote what it printed: that may be the secret in a shape we did not expect.
    return all(
      fail(
        `${who} printed something that is not a protocol reply ({"protocolVersion":1,"values":{…}})`,
        plainAllowed ? 'make it print the secret alone on one line' : `make it answer in the exec protocol, or set ${label}.jsonOnly to false for a program that prints one secret`,
      ),
    );
  }
  if (reply.protocolVersion !== EXEC_PROTOCOL_VERSION) {
    return all(fail(`${who} answered protocol version ${String(reply.protocolVersion).slice(0, 10)}; this program speaks version 1`, 'update the command'));
  }
  const values = isRecord(reply.values) ? reply.values : {};
  const errors = isRecord(reply.errors) ? reply.errors : {};
  for (const id of ids) {
    const v = values[id];
    if (typeof v === 'string' && v.trim()) results.set(id, { ok: true, value: v });
    else if (errors[id] !== undefined) {
      const e = errors[id];
      results.set(id, fail(`${who} could not give ${id}: ${shortMessage(isRecord(e) ? e.message : e)}`, 'fix the entry in the secret store, or the id'));
    } else results.set(id, fail(`${who} gave no value for ${id}`, 'check the id, and that the command knows it'));
  }
  return results;
}
