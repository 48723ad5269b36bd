// Ink's measure-text.js (the size of a text node, for layout) with a bounded cache. Ink's own
// keeps every text it ever measured for the life of the process; a dashboard left open for days
// measures a new countdown text every second. Same results: the size depends on the text alone.
// The bundle build (scripts/ink-perf-plugin.mjs) puts this in place of ink/build/measure-text.js.
import widestLine from 'widest-line';
import { GenerationalCache } from './generational-cache.js';

export interface TextSize {
  width: number;
  height: number;
}

const cache = new GenerationalCache<TextSize>(4096);

export default function measureText(text: string): TextSize {
  if (text.length === 0) return { width: 0, height: 0 };
  let size = cache.get(text);
  if (size === undefined) {
    size = { width: widestLine(text), height: text.split('\n').length };
    cache.set(text, size);
  }
  return size;
}

/** Entries held now (for tests: the cache stays bounded). */
export function cachedEntries(): number {
  return cache.size;
}
