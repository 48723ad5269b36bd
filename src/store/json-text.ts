// Turning file bytes into a JSON value, with errors that say exactly what and where.
import { StoreCorruptError } from '../util/errors.js';
import { escapeControls } from '../util/control-chars.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

/** Decode strictly: invalid UTF-8, a BOM, an empty or whitespace-only file are all reported. */
export function decodeJsonFile(filePath: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new StoreCorruptError(filePath, 'the file is empty');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new StoreCorruptError(filePath, 'the file starts with a UTF-8 byte-order mark, which JSON does not allow', 'byte 0');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    let bad = 0;
    // Find the first undecodable byte by decoding growing prefixes (only runs on bad files).
    for (let i = 1; i <= bytes.length; i++) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i), { stream: true });
      } catch {
        bad = i - 1;
        break;
      }
    }
    throw new StoreCorruptError(filePath, 'the file is not valid UTF-8', `byte ${bad}`);
  }
  if (text.trim().length === 0) throw new StoreCorruptError(filePath, 'the file contains only whitespace');
  return text;
}

export function parseJsonStrict(filePath: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // V8's "Unexpected token" message quotes up to ~20 bytes of the file around the error, raw:
    // that can be a piece of a secret, a line break or a terminal escape. Keep only the reason.
    const message = escapeControls(
      (err instanceof Error ? err.message : String(err)).replace(/^(Unexpected token .*?), (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '$1'),
    );
    const pos = /at position (\d+)/.exec(message);
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^Unexpected end of JSON input$/, 'the JSON ends too early (truncated?)');
    // V8 gives no position for "Unexpected token 'x'": find the offending offset ourselves.
    const at = pos ? Number(pos[1]) : /end of JSON input/.test(message) ? undefined : jsonErrorOffset(text);
    const where = at !== undefined ? lineColumn(text, at) : /end of JSON input/.test(message) ? `${lineColumn(text, text.length)} (end of file)` : undefined;
    throw new StoreCorruptError(filePath, `not valid JSON: ${reason}`, where);
  }
}

/**
 * The offset of the first character that makes `text` invalid JSON (a small strict scanner, only
 * run on files JSON.parse already rejected), or undefined if it finds none.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = () => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail();
      if (c === 92) {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return void (i++, fail());
      } else i++;
    }
    fail();
  };
  const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          str();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    num.lastIndex = i;
    const m = num.exec(text);
    if (m) return void (i += m[0].length);
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return void (i += lit.length);
    fail();
  };
  try {
    value();
    ws();
    return i < n ? i : undefined;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, n) : undefined; // a RangeError on absurd nesting
  }
}

/** Render a zod-style path as `profiles["anthropic:default"].key`. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || '(top level)';
}
