// Bracketed-paste markers (ESC[200~ ... ESC[201~) in text that did not come through Ink: a paste
// into the CLI's own masked prompt or piped from a terminal left in bracketed-paste mode, with or
// without the ESC (some terminals and multiplexers eat it). Ink's usePaste takes them off itself.
const PASTE_MARKER = /\x1b?\[20[01]~/g;

export function stripPasteMarkers(text: string): string {
  return text.replace(PASTE_MARKER, '');
}
