// The set of every fixed-length piece of the registered secrets, for redact(): asked "is the piece
// of this text at i one of them?" once per character of each text redacted. A status of a
// 10,000-profile store registers 10,000 secrets, some 400,000 pieces: as a Set of strings that was
// ~20 MiB and ~150 ms built on the first redact. Here a piece of printable ASCII (all that tokens
// are made of) is one number, exactly: 8 characters in base 95 stay below 2^53. The numbers live in
// one sorted Float64Array (8 bytes a piece, found by binary search); pieces with other characters,
// and pieces added after a build until they are worth a merge, live in small Sets.

/** Characters 0x20..0x7e: a piece of them has an exact number. */
const FIRST = 0x20;
const BASE = 95;

export class PieceIndex {
  private sorted: Float64Array = new Float64Array(0);
  /** A few pieces merged since the last sort (fewer than are worth sorting again). */
  private recent = new Set<number>();
  /** Pieces with a character outside printable ASCII (no exact number). */
  private others = new Set<string>();
  /** Pieces added since the last flush(), not yet searchable. */
  private batch: Float64Array = new Float64Array(1024);
  private batchSize = 0;

  /** Numbers of the pieces never added (printable ASCII all, so never in `others`). */
  private excluded: Float64Array | undefined;

  /** `excluded`: pieces that are never in the set (public ones), however often they are added. */
  constructor(
    readonly length: number,
    private readonly excludedPieces: () => readonly string[] = () => [],
  ) {
    if (length > 8) throw new Error('PieceIndex: pieces longer than 8 characters have no exact number');
  }

  private excludedCodes(): Float64Array {
    if (!this.excluded) {
      const codes = this.excludedPieces().map((p) => this.code(p, 0));
      if (codes.some((c) => c < 0)) throw new Error('PieceIndex: an excluded piece is not printable ASCII');
      this.excluded = Float64Array.from(codes).sort();
    }
    return this.excluded;
  }

  get size(): number {
    return this.sorted.length + this.recent.size + this.others.size;
  }

  /** The number of the piece of `text` at `at`, or -1 when a character is outside printable ASCII. */
  code(text: string, at: number): number {
    let v = 0;
    for (let i = at; i < at + this.length; i++) {
      const c = text.charCodeAt(i) - FIRST;
      if (c < 0 || c >= BASE) return -1;
      v = v * BASE + c;
    }
    return v;
  }

  /** Whether the piece of `text` at `at` (`length` characters, all inside `text`) is in the set (as of the last flush). */
  has(text: string, at: number): boolean {
    const v = this.code(text, at);
    if (v < 0) return this.others.has(text.slice(at, at + this.length));
    return this.recent.has(v) || includes(this.sorted, v);
  }

  /** Add the pieces of `s` that start at `from` or later. Searchable after flush(). */
  addPieces(s: string, from: number): void {
    for (let i = Math.max(0, from); i + this.length <= s.length; i++) {
      const v = this.code(s, i);
      if (v < 0) {
        // Excluded pieces are printable ASCII: this one is not among them.
        this.others.add(s.slice(i, i + this.length));
        continue;
      }
      if (this.batchSize === this.batch.length) this.reserve(this.batch.length);
      this.batch[this.batchSize++] = v;
    }
  }

  /**
   * Make what was added searchable. A large batch (or enough small ones) is merged into the
   * sorted array: at least a quarter of its size, or a few thousand pieces, so each piece is
   * sorted a bounded number of times however registrations arrive; a small one waits in a Set.
   */
  flush(): void {
    if (this.batchSize === 0) return;
    const excluded = this.excludedCodes();
    if (this.batchSize + this.recent.size < Math.max(4096, this.sorted.length / 4)) {
      for (let i = 0; i < this.batchSize; i++) if (!includes(excluded, this.batch[i]!)) this.recent.add(this.batch[i]!);
    } else {
      let merged: Float64Array;
      if (this.sorted.length === 0 && this.recent.size === 0) {
        // The first batch (a whole store's secrets) is sorted where it is: no second copy.
        merged = this.batch.subarray(0, this.batchSize);
        this.batch = new Float64Array(1024);
      } else {
        merged = new Float64Array(this.sorted.length + this.recent.size + this.batchSize);
        merged.set(this.sorted);
        let n = this.sorted.length;
        for (const v of this.recent) merged[n++] = v;
        merged.set(this.batch.subarray(0, this.batchSize), n);
      }
      merged.sort();
      // Without repeats (two secrets can share a piece).
      let w = 0;
      // Without repeats (two secrets can share a piece) and without the excluded pieces (a few
      // numbers, looked up once each here rather than once per piece added).
      for (let r = 0; r < merged.length; r++) if (w === 0 || merged[r] !== merged[w - 1]) merged[w++] = merged[r]!;
      let kept = 0;
      for (let r = 0, e = 0; r < w; r++) {
        const v = merged[r]!;
        while (e < excluded.length && excluded[e]! < v) e++;
        if (e < excluded.length && excluded[e] === v) continue;
        merged[kept++] = v;
      }
      w = kept;
      // A view when few repeated; a copy when many did (the bench's stores repeat most pieces).
      this.sorted = w > merged.length * 0.75 ? merged.subarray(0, w) : merged.slice(0, w);
      this.recent.clear();
    }
    this.batchSize = 0;
    if (this.batch.length > 1024) this.batch = new Float64Array(1024);
  }

  /** Room for `n` more pieces before the next flush (one allocation for a whole store's secrets). */
  reserve(n: number): void {
    if (this.batchSize + n <= this.batch.length) return;
    const grown = new Float64Array(this.batchSize + n);
    grown.set(this.batch.subarray(0, this.batchSize));
    this.batch = grown;
  }
}

/** Binary search of a sorted array. */
function includes(a: Float64Array, v: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
