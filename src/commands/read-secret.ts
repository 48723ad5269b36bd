// Secrets come from stdin (scripts) or a masked prompt (people), never from argv.
import { CancelledError } from '../store/errors.js';
import { stripPasteMarkers } from '../util/paste-markers.js';

export async function readAllStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A prompt that echoes one `*` per character; Ctrl-C cancels, Backspace edits, Enter submits. */
export function promptMasked(question: string, stdin: NodeJS.ReadStream = process.stdin, out: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    out.write(question);
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      out.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (data: string) => {
      // A paste arrives as one chunk.
      const text = stripPasteMarkers(data);
      for (const ch of text) {
        if (ch === '\u0003') return done(new CancelledError());
        if (ch === '\u0004' && value === '') return done(new CancelledError());
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u007f' || ch === '\b') {
          if (value.length > 0) {
            value = value.slice(0, -1);
            out.write('\b \b');
          }
          continue;
        }
        if (ch < ' ' || ch === '\x1b') continue;
        value += ch;
        out.write('*');
      }
    };
    stdin.on('data', onData);
  });
}

/** From stdin when piped, else a masked prompt; a TTY-less, empty stdin is a usage error. */
export async function readSecret(question: string): Promise<string> {
  if (process.stdin.isTTY) return promptMasked(question);
  return readAllStdin();
}
