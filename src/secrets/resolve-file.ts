// `file` secret providers: a JSON file read by JSON pointer, or a file holding one value. The
// file must be the user's own and not writable by group or others: a file another account can
// change could swap in a key that sends requests (and the prompts in them) somewhere else.
import fsp from 'node:fs/promises';
import { expandHome, type Env } from '../store/paths.js';
import type { FileProviderConfig, SecretRef } from '../store/secret-ref.js';
import type { RefResolution } from './resolution.js';

export const FILE_MAX_BYTES = 1024 * 1024;

/** RFC 6901: `/a/b~1c` -> ['a', 'b/c']. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function fail(problem: string, fix: string): RefResolution {
  return { ok: false, problem, fix };
}

export function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** Ownership and permission problems of a secrets file (or an exec command), or undefined. */
export function loosePermissionProblem(file: string, st: { uid: number; mode: number }, what: string): RefResolution | undefined {
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid && st.uid !== 0) {
    return fail(`${what} ${file} belongs to another user (uid ${st.uid})`, `use a file you own: chown $(id -u) ${file}`);
  }
  if (st.mode & 0o022) {
    return fail(`${what} ${file} is writable by group or others (mode ${octal(st.mode)}); it was not used`, `chmod go-w ${file}`);
  }
  return undefined;
}

export async function resolveFileRef(ref: SecretRef, cfg: FileProviderConfig, env: Env): Promise<RefResolution> {
  const label = `secrets.providers.${ref.provider}`;
  if (typeof cfg.path !== 'string' || !cfg.path.trim()) return fail(`${label} has no "path"`, `set ${label}.path to the secrets file in the config`);
  const file = expandHome(cfg.path.trim(), env);
  let st;
  try {
    st = await fsp.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? fail(`secrets file ${file} (${label}) does not exist`, `create it, or fix ${label}.path in the config`)
      : fail(`secrets file ${file} (${label}) cannot be read (${code ?? 'error'})`, `check the file and its permissions`);
  }
  if (!st.isFile()) return fail(`secrets file ${file} (${label}) is not a regular file`, `point ${label}.path at a file`);
  const loose = loosePermissionProblem(file, st, 'secrets file');
  if (loose) return loose;
  const maxBytes = typeof cfg.maxBytes === 'number' && cfg.maxBytes > 0 ? cfg.maxBytes : FILE_MAX_BYTES;
  if (st.size > maxBytes) return fail(`secrets file ${file} is larger than ${maxBytes} bytes`, `raise ${label}.maxBytes or use a smaller file`);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    return fail(`secrets file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file and its permissions');
  }
  if (cfg.mode === 'singleValue') {
    if (ref.id !== 'value') return fail(`${label} holds a single value: the id must be "value" (got ${ref.id})`, `use --ref ${ref.provider}:value`);
    const value = text.replace(/\r?\n$/, '');
    return value.trim() ? { ok: true, value } : fail(`secrets file ${file} is empty`, `put the secret in ${file}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // The parser's message can quote the file's bytes, and those are secrets: say only where.
    return fail(`secrets file ${file} is not valid JSON`, `fix the file, or set ${label}.mode to "singleValue" for a file holding one value`);
  }
  if (!ref.id.startsWith('/')) return fail(`the id ${ref.id} is not a JSON pointer (it must start with "/")`, `use an id like /providers/openai/apiKey`);
  let cur: unknown = doc;
  for (const seg of parseJsonPointer(ref.id)) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, seg)) {
      return fail(`secrets file ${file} has nothing at ${ref.id}`, `add the value at ${ref.id}, or fix the id`);
    }
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (typeof cur !== 'string' || !cur.trim()) return fail(`secrets file ${file} has no text value at ${ref.id}`, `put the secret as a string at ${ref.id}`);
  return { ok: true, value: cur };
}
