// Ink's wrap-text.js (wrap or truncate a text to a width) with a bounded cache. Ink's own keeps
// every result for the life of the process, under a key that joins text, width and mode without a
// separator (so "ab" at width 12 and "ab1" at width 2 share one). Same wrapping, same libraries.
// The bundle build (scripts/ink-perf-plugin.mjs) puts this in place of ink/build/wrap-text.js.
import wrapAnsi from 'wrap-ansi';
import cliTruncate from 'cli-truncate';
import { GenerationalCache } from './generational-cache.js';

const cache = new GenerationalCache<string>(2048);

function wrap(text: string, maxWidth: number, wrapType: string): string {
  if (wrapType === 'wrap') return wrapAnsi(text, maxWidth, { trim: false, hard: true });
  if (wrapType.startsWith('truncate')) {
    const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
    return cliTruncate(text, maxWidth, { position });
  }
  return text;
}

export default function wrapText(text: string, maxWidth: number, wrapType: string): string {
  const key = `${maxWidth}\u0000${wrapType}\u0000${text}`;
  let out = cache.get(key);
  if (out === undefined) {
    out = wrap(text, maxWidth, wrapType);
    cache.set(key, out);
  }
  return out;
}

/** Entries held now (for tests: the cache stays bounded). */
export function cachedEntries(): number {
  return cache.size;
}
