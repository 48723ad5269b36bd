// widest-line for Ink's render-node-to-output.js, memoised. Ink measures every text node's
// widest line on every frame to decide whether to wrap it; for a row holding a non-ASCII
// character (the masked credential's `…`) that runs string-width's grapheme segmenter over the
// whole row, ~2.5 ms of a 1,000-profile dashboard tick. The result depends on the text alone.
// The bundle build (scripts/ink-perf-plugin.mjs) points that one import here.
import widestLine from 'widest-line';
import { memoizeString } from './generational-cache.js';

export default memoizeString(widestLine, 2048);
