// The docs stay true to the program: every error message the source can throw is in
// docs/troubleshooting.md, and every `clawdbot ...` command line shown in docs/ names a real
// command and real options of the built CLI.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, requireBuild, runCli } from '../helpers/store-cli.js';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const strip = (s: string) => s.replace(/\\`/g, '`').replace(/`/g, '').replace(/\s+/g, ' ');

/** The constant opening of every thrown or returned error message in the source. */
function errorMessagePrefixes(): Array<{ file: string; prefix: string }> {
  const files = [...walk(path.join(ROOT, 'src')), ...walk(path.join(ROOT, 'flows'))].filter((f) => !f.includes(`${path.sep}doctor${path.sep}`));
  const out: Array<{ file: string; prefix: string }> = [];
  const re = /(?:new [A-Z]\w*Error\(\s*(?:redact\()?|\berror: )(['"`])((?:\\.|(?!\1)[^\\])*)\1?/g;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      let body = m[2]!;
      const cut = body.indexOf('${');
      if (cut >= 0) body = body.slice(0, cut);
      body = strip(body).trim();
      // Too short to identify a message (e.g. a template that starts with a variable).
      if (body.length < 14) continue;
      out.push({ file: path.relative(ROOT, file), prefix: body.slice(0, 40) });
    }
  }
  return out;
}

beforeAll(() => requireBuild());

describe('docs', () => {
  it('troubleshooting.md covers every error message in the source', () => {
    const doc = strip(fs.readFileSync(path.join(ROOT, 'docs', 'troubleshooting.md'), 'utf8'));
    const prefixes = errorMessagePrefixes();
    expect(prefixes.length).toBeGreaterThan(60);
    const missing = prefixes.filter((p) => !doc.includes(p.prefix));
    expect(missing, `not in docs/troubleshooting.md:\n${missing.map((m) => `${m.file}: ${m.prefix}`).join('\n')}`).toEqual([]);
  });

  it('every `clawdbot ...` command in docs/ is a real command with real options', async () => {
    const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((n) => n.endsWith('.md'));
    const helpCache = new Map<string, string>();
    const problems: string[] = [];
    for (const name of docs) {
      const raw = fs.readFileSync(path.join(ROOT, 'docs', name), 'utf8');
      // Only code counts as a command (fenced blocks and inline code), not prose.
      const fenced = [...raw.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((b) => b[1]!);
      const inline = [...raw.replace(/^```[\s\S]*?^```/gm, '').matchAll(/`([^`\n]+)`/g)].map((b) => b[1]!);
      const text = [...fenced, ...inline].join('\n');
      for (const m of text.matchAll(/(?:^|[`\s(])clawdbot ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)*)((?: [^`\n|)]*)?)/gm)) {
        const words = m[1]!.split(' ');
        // The command path is the leading words that are subcommands; the rest are arguments.
        let cmd: string[] = [];
        let help = '';
        for (const w of words) {
          const tryPath = [...cmd, w];
          const key = tryPath.join(' ');
          if (!helpCache.has(key)) {
            const r = await runCli([...tryPath, '--help'], { env: { PATH: process.env.PATH, NO_COLOR: '1' } });
            helpCache.set(key, r.code === 0 && r.stdout.startsWith(`Usage: clawdbot ${key}`) ? r.stdout : '');
          }
          if (!helpCache.get(key)) break;
          cmd = tryPath;
          help = helpCache.get(key)!;
        }
        if (!cmd.length) {
          // "no other clawdbot process is running" inside a quoted message is prose, not a command:
          // only a `clawdbot` that starts a line or follows `$`, `&&`, `|` or `;` must be a command.
          const at = m.index! + (m[0]!.startsWith('clawdbot') ? 0 : 1);
          const before = text.slice(0, at).split('\n').pop()!.trim();
          if (before === '' || /(?:\$|&&|\||;)$/.test(before)) problems.push(`${name}: clawdbot ${m[1]}`);
          continue;
        }
        for (const flag of `${m[1]} ${m[2] ?? ''}`.match(/(?<=\s)--[a-z][a-z-]*/g) ?? []) {
          if (flag === '--help') continue;
          if (!help.includes(flag)) problems.push(`${name}: clawdbot ${cmd.join(' ')} has no ${flag}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
