// How text that did not come from us is kept from driving the terminal: every control character
// (ESC and so escape sequences, CR, BEL, DEL, the C1 range) is shown as `\x1b`-style text instead.
// Used for values from files and servers, error messages, and everything a command prints.

const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const CONTROL_ALL = /[\x00-\x1f\x7f-\x9f]/g;
const CONTROL_BUT_LINES = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

const shown = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Whether `text` holds a control character. */
export function hasControls(text: string): boolean {
  return CONTROL.test(text);
}

/** `text` with its control characters escaped; `keepLines` leaves newlines and tabs as they are. */
export function escapeControls(text: string, { keepLines = false } = {}): string {
  // Almost every string is clean: test once before building a new one (10,000-profile reports).
  if (!CONTROL.test(text)) return text;
  return text.replace(keepLines ? CONTROL_BUT_LINES : CONTROL_ALL, shown);
}
