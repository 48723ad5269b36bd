// The pty driver itself: a real TTY (isTTY true, raw keys arrive), screen text, resize.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnCli, type PtyRun } from '../helpers/pty.js';

let run: PtyRun | undefined;
afterEach(() => run?.kill());

describe('pty helper', () => {
  it('gives the child a real terminal, delivers keys, and reports the exit code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-pty-'));
    const script = path.join(dir, 'echo.mjs');
    fs.writeFileSync(
      script,
      `process.stdout.write('tty=' + Boolean(process.stdin.isTTY && process.stdout.isTTY) + ' ci=' + ('CI' in process.env) + ' cols=' + process.stdout.columns + '\\n');
       process.stdin.setRawMode(true); process.stdin.resume();
       process.stdin.on('data', (d) => { const s = d.toString(); if (s === 'q') process.exit(3); process.stdout.write('got ' + JSON.stringify(s) + '\\n'); });
       process.stdout.on('resize', () => process.stdout.write('resized ' + process.stdout.columns + '\\n'));`,
    );
    run = spawnCli([], { script, cols: 80, rows: 10, env: { ...process.env, CI: 'true' } });
    await run.waitFor('tty=true');
    run.press('up');
    await run.waitFor('got "\\u001b[A"');
    run.resize(60, 10);
    await run.waitFor('resized 60');
    run.write('q');
    expect((await run.exited).exitCode).toBe(3);
  });

  it('removes CI unless the caller sets it explicitly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-pty-'));
    const script = path.join(dir, 'env.mjs');
    fs.writeFileSync(script, `process.stdout.write('ci=' + ('CI' in process.env) + '\\n');`);
    run = spawnCli([], { script });
    expect(await run.waitFor(/ci=(true|false)/)).toContain('ci=false');
  });
});
