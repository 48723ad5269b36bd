// "Did you mean …?" for a mistyped word. Commander suggests only for commands it dispatches itself;
// `models` runs `status` by default, so `models stauts` reaches status as an extra argument and
// needs its own suggestion. Optimal-string-alignment distance: a swapped pair of letters (the most
// common typo) counts as one edit.

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to `word`, if it is close enough to be what was meant. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { word: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(w, c.toLowerCase());
    // Up to a third of the word may be wrong (at least one edit): "stauts", "stat", "auht".
    if (distance <= Math.max(1, Math.floor(c.length / 3)) && (!best || distance < best.distance)) best = { word: c, distance };
  }
  return best?.word;
}

/**
 * The profile id `id` was probably meant as: one or two edits away, and no more than a third of
 * the name after the provider ("anthropic:defualt" is anthropic:default; "anthropic:work" is not
 * anthropic:home, though both are anthropic: ids).
 */
export function closestProfileId(id: string, known: Iterable<string>): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const k of known) {
    if (k === id) continue;
    const name = k.slice(k.indexOf(':') + 1);
    const distance = editDistance(id.toLowerCase(), k.toLowerCase());
    if (distance <= Math.min(2, Math.max(1, Math.floor(name.length / 3))) && (!best || distance < best.distance)) best = { id: k, distance };
  }
  return best?.id;
}
