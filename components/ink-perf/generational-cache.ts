// A bounded memo for pure functions of a string. Two generations: entries land in the young
// one; when it is full it becomes the old one and the previous old one is dropped. An entry read
// from the old generation moves back into the young one, so whatever the last few frames used
// stays cached while anything not seen for a while is let go. Memory stays under 2 x `limit`
// entries however long a dashboard runs (Ink's own text caches never drop anything).
export class GenerationalCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held now (both generations; a key can be in both). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}

/** `fn` memoised by its single string argument in a GenerationalCache of `limit` entries. */
export function memoizeString<V>(fn: (s: string) => V, limit: number): (s: string) => V {
  const cache = new GenerationalCache<V>(limit);
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}
