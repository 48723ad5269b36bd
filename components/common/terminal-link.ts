// A URL the terminal can open whole. Ink breaks a long URL into rows with hard line breaks, and
// most terminals copy those breaks; wrapped in an OSC 8 hyperlink (supported by iTerm2, VTE
// terminals such as GNOME Terminal, Windows Terminal, kitty, WezTerm, foot, VS Code and tmux 3.4+),
// every row opens, and "Copy link" copies, the whole URL. Terminals without OSC 8 consume the
// sequence and show the text alone (an OSC string is skipped by any ECMA-48 parser).

/**
 * Whether to write hyperlinks: yes unless FORCE_HYPERLINK=0 (the convention of the
 * supports-hyperlinks package) or TERM=dumb. Not guessed from TERM_PROGRAM and friends: over SSH
 * those describe nothing (the local terminal's variables are not forwarded), and SSH is where a
 * long URL is copied by hand.
 */
export function hyperlinksWanted(env: NodeJS.ProcessEnv): boolean {
  const forced = env.FORCE_HYPERLINK;
  if (forced !== undefined && forced !== '') return forced !== '0' && forced.toLowerCase() !== 'false';
  return env.TERM !== 'dumb';
}

/** `text` as an OSC 8 hyperlink to `url` (ST-terminated). `url` must hold no control character. */
export function terminalLink(url: string, text = url): string {
  return `\x1b]8;;${url}\x1b\\${text}\x1b]8;;\x1b\\`;
}
