// When the wizard writes its sign-in URL as a terminal hyperlink (components/common/terminal-link.ts).
import { describe, expect, it } from 'vitest';
import { hyperlinksWanted, terminalLink } from '../../components/common/terminal-link.js';

describe('terminal hyperlinks', () => {
  it('are on unless FORCE_HYPERLINK turns them off or the terminal is dumb; SSH sessions included', () => {
    expect(hyperlinksWanted({})).toBe(true);
    expect(hyperlinksWanted({ SSH_CONNECTION: '203.0.113.7 50022 192.0.2.1 22', TERM: 'xterm-256color' })).toBe(true);
    expect(hyperlinksWanted({ FORCE_HYPERLINK: '0' })).toBe(false);
    expect(hyperlinksWanted({ FORCE_HYPERLINK: 'false' })).toBe(false);
    expect(hyperlinksWanted({ TERM: 'dumb' })).toBe(false);
    expect(hyperlinksWanted({ TERM: 'dumb', FORCE_HYPERLINK: '1' })).toBe(true);
    expect(hyperlinksWanted({ FORCE_HYPERLINK: '' })).toBe(true);
  });

  it('wrap the text in an OSC 8 link to the URL, closed after it', () => {
    expect(terminalLink('https://example.com/a?b=c')).toBe('\x1b]8;;https://example.com/a?b=c\x1b\\https://example.com/a?b=c\x1b]8;;\x1b\\');
  });
});
