// Bracketed-paste markers (ESC[200~ ... ESC[201~) left in pasted text that reached us without a
// reader that understands them (piped stdin from a terminal left in bracketed-paste mode, a pasted
// redirect URL), with or without the ESC (some terminals and multiplexers eat it). Ink's usePaste
// and the CLI's hidden prompt (commands/shared/read-secret.ts) take them off themselves.
const PASTE_MARKER = /\x1b?\[20[01]~/g;

export function stripPasteMarkers(text: string): string {
  return text.replace(PASTE_MARKER, '');
}
