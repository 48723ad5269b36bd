// Turning file bytes into a JSON value, with errors that say exactly what and where.
import { StoreCorruptError } from './errors.js';

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
    const message = (err instanceof Error ? err.message : String(err))
      .replace(/^(Unexpected token .*?), (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '$1')
      .replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    const pos = /at position (\d+)/.exec(message);
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^Unexpected end of JSON input$/, 'the JSON ends too early (truncated?)');
    const where = pos ? lineColumn(text, Number(pos[1])) : /end of JSON input/.test(message) ? `${lineColumn(text, text.length)} (end of file)` : undefined;
    throw new StoreCorruptError(filePath, `not valid JSON: ${reason}`, where);
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
