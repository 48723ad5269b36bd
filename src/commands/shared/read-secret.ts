// Secrets come from stdin (scripts) or a masked prompt (people), never from argv.
import { CancelledError, UsageError } from '../../util/errors.js';

export async function readAllStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';

/** What typing into the masked prompt has produced so far. */
export interface MaskedInput {
  value: string;
  /** Between the terminal's paste markers: line breaks there are the terminal wrapping a long token. */
  inPaste: boolean;
  /** The start of a paste marker cut off at the end of a chunk, kept for the next one. */
  pending: string;
}

export type MaskedEvent = { kind: 'echo'; text: string } | { kind: 'submit' } | { kind: 'cancel' };

/**
 * One chunk of terminal input applied to the prompt. A line break inside a paste is dropped (a
 * token wrapped over two lines by the terminal is one token); so is one followed by more text in
 * the same chunk, for terminals without bracketed paste. Enter is a line break at the end of a
 * chunk, outside a paste.
 */
export function applyMaskedChunk(state: MaskedInput, data: string): { state: MaskedInput; events: MaskedEvent[] } {
  let text = state.pending + data;
  let pending = '';
  const cut = text.lastIndexOf('\x1b');
  if (cut >= 0 && cut > text.length - PASTE_START.length && (PASTE_START.startsWith(text.slice(cut)) || PASTE_END.startsWith(text.slice(cut)))) {
    pending = text.slice(cut);
    text = text.slice(0, cut);
  }
  let { value, inPaste } = state;
  const events: MaskedEvent[] = [];
  let echo = '';
  const flush = () => {
    if (echo) events.push({ kind: 'echo', text: echo });
    echo = '';
  };
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith(PASTE_START, i)) {
      inPaste = true;
      i += PASTE_START.length - 1;
      continue;
    }
    if (text.startsWith(PASTE_END, i)) {
      inPaste = false;
      i += PASTE_END.length - 1;
      continue;
    }
    const ch = text[i]!;
    if (ch === '\x1b' && text[i + 1] === '[') {
      // An arrow or function key (CSI sequence): not part of a secret, skipped whole.
      let j = i + 2;
      while (j < text.length && !/[\x40-\x7e]/.test(text[j]!)) j++;
      i = j;
      continue;
    }
    if (ch === '\u0003' || (ch === '\u0004' && value === '')) {
      flush();
      events.push({ kind: 'cancel' });
      return { state: { value, inPaste, pending: '' }, events };
    }
    if (ch === '\r' || ch === '\n') {
      const moreText = /[^\r\n]/.test(text.slice(i + 1).replaceAll(PASTE_END, ''));
      if (inPaste || moreText) continue;
      flush();
      events.push({ kind: 'submit' });
      return { state: { value, inPaste: false, pending: '' }, events };
    }
    if (ch === '\u007f' || ch === '\b') {
      if (value.length > 0) {
        value = value.slice(0, -1);
        echo += '\b \b';
      }
      continue;
    }
    if (ch < ' ' || ch === '\x1b') continue;
    value += ch;
    echo += '*';
  }
  flush();
  return { state: { value, inPaste, pending }, events };
}

/**
 * A prompt that echoes one `*` per character; Ctrl-C cancels, Backspace edits, Enter submits.
 * Enter on an empty line asks again (a stray Enter before the paste is not a failed attempt).
 */
export function promptMasked(question: string, stdin: NodeJS.ReadStream = process.stdin, out: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    let state: MaskedInput = { value: '', inPaste: false, pending: '' };
    // Bracketed paste lets the terminal mark a paste, so its line breaks are not taken as Enter.
    const bracketed = out.isTTY === true;
    out.write((bracketed ? BRACKETED_PASTE_ON : '') + question);
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      out.write((bracketed ? BRACKETED_PASTE_OFF : '') + '\n');
      if (err) reject(err);
      else resolve(state.value);
    };
    const onData = (data: string) => {
      const step = applyMaskedChunk(state, data);
      state = step.state;
      for (const e of step.events) {
        if (e.kind === 'echo') out.write(e.text);
        else if (e.kind === 'cancel') return done(new CancelledError());
        else if (state.value.trim() === '') {
          state = { value: '', inPaste: false, pending: '' };
          out.write(`\nNothing was entered. Paste it and press Enter (Ctrl-C cancels).\n${question}`);
        } else return done();
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * All of a piped stdin. Empty (a script whose variable was unset, `< /dev/null`, a cron job) is a
 * usage error saying how to give the secret, not the paste advice meant for a prompt.
 */
export async function readPipedSecret(what: string, orElse = 'or run it on a terminal to paste it'): Promise<string> {
  const text = await readAllStdin();
  if (!text.trim()) throw new UsageError(`No ${what} on stdin (it was empty): pipe the ${what} into this command, ${orElse}.`, { ownMessage: true });
  return text;
}

/** From stdin when piped, else a masked prompt. */
export async function readSecret(question: string, what: string): Promise<string> {
  if (process.stdin.isTTY) return promptMasked(question);
  return readPipedSecret(what);
}
