// The set of every fixed-length piece of the registered secrets, for redact(): asked "is the piece
// of this text at i one of them?" once per character of each text redacted. A status of the
// bench's 10,000-profile store registers 13,333 secrets, 703,315 characters, and the dashboard
// redacts right after its first frame. Every piece as a number in one sorted array made that first
// redact cost ~56 ms and +8.9 MiB of RSS (a sort of 703,000 doubles, and copies). No piece is
// stored here:
//   - the texts the pieces come from are joined into one string, by a separator no printable
//     piece can span (characters outside printable ASCII become it too: the string stays one byte
//     a character);
//   - a Bloom filter of their printable pieces (piece-filter.ts), filled in one pass, says "no" to
//     almost every piece of a text in a few bit tests;
//   - a "maybe" is checked exactly, by an indexOf of the piece in the joined string: a false
//     "maybe" never masks text. The piece after one just found is looked for first just after it
//     (an echoed secret is a run of pieces), and recent answers are remembered.
// Pieces with a character outside printable ASCII (no token is made of them) live in a Set.
// Measured (node --expose-gc, Node 26, median of 5 runs alternated with the sorted array, 2 shared
// cores at load ~1.2): the whole first redact after registering that store 23 ms and +4.2 MiB RSS,
// ~18 ms and +3.4 MiB of it this index (filter 1.4 MiB, joined string 0.7 MiB, the rest code and
// garbage); for 20,000 random 93-character tokens (1.86 M characters) 59 ms and +11 MiB, was 230
// ms and +23 MiB. A later redact of a 200-character error text: ~20 us, as before.
import { MAX_PIECE_LENGTH, MAYBE, NOT_PRINTABLE, PieceFilter } from './piece-filter.js';

/** Not printable ASCII: a printable piece found in the joined string lies inside one text. */
const SEPARATOR = '\u0000';
/** A regular expression, not a loop: it checks 13,333 secrets at a store's first redact in half the time (~1 ms). */
const ODD = /[^\x20-\x7e]/;
const ALL_ODD = /[^\x20-\x7e]/g;
/** Later texts are joined into a tail, merged into the main string when it is a quarter as long. */
const MIN_TAIL = 65_536;
/** The filter is sized again (for everything) when it holds a quarter more than it was sized for. */
const REFILL_GROWTH = 1.25;
/** A few secrets registered one by one do not refill the filter at each of them. */
const MIN_CAPACITY = 1024;
/** Answers remembered at most (then forgotten at once): enough for the texts of one screen. */
const REMEMBERED = 1024;

export interface PieceIndexOptions {
  /** Filter size (tests use a tiny one to get false "maybe"s); see piece-filter.ts. */
  bitsPerPiece?: number;
  hashes?: number;
}

export class PieceIndex {
  /** Pieces with a character outside printable ASCII (never among the excluded ones). */
  private others = new Set<string>();
  /** Texts added since the last flush(), not yet searchable. */
  private pending: string[] = [];
  /** The texts added, joined by SEPARATOR: `main`, and `tail` for the ones added since it was last merged. */
  private main = '';
  private tail = '';
  private filter: PieceFilter | undefined;
  /** Exact answers for pieces the filter let through, until the next flush() (texts repeat, and redact() scans a text again after a change). */
  private remembered = new Map<string, boolean>();
  /** Where the last piece found lies (its start, in `hintIn`): the next piece of the text is likely one further. */
  private hintIn = '';
  private hintAt = -1;
  private excluded: Set<string> | undefined;
  /** Exact searches done (the filter said "maybe"): for tests. */
  exactChecks = 0;

  /** `excludedPieces`: pieces that are never in the set (public ones), however often they are added. */
  constructor(
    readonly length: number,
    private readonly excludedPieces: () => readonly string[] = () => [],
    private readonly options: PieceIndexOptions = {},
  ) {
    if (length < 1 || length > MAX_PIECE_LENGTH) throw new Error(`PieceIndex: pieces are 1 to ${MAX_PIECE_LENGTH} characters`);
  }

  private excludedSet(): Set<string> {
    if (!this.excluded) {
      this.excluded = new Set(this.excludedPieces());
      for (const p of this.excluded) {
        // Only printable pieces are looked up here; the others Set is never filtered.
        if (p.length !== this.length || ODD.test(p)) throw new Error('PieceIndex: an excluded piece is not printable ASCII of the length');
      }
    }
    return this.excluded;
  }

  /** Nothing was ever added (a redact() before any secret was registered returns at once). */
  get isEmpty(): boolean {
    return this.main.length === 0 && this.others.size === 0;
  }

  /** Whether the piece of `text` at `at` (`length` characters, all inside `text`) is in the set (as of the last flush). */
  has(text: string, at: number): boolean {
    const said = this.filter?.probe(text, at);
    if (said === NOT_PRINTABLE) return this.others.has(text.slice(at, at + this.length));
    if (said !== MAYBE) return false;
    const piece = text.slice(at, at + this.length);
    if (this.excludedSet().has(piece)) return false;
    let found = this.remembered.get(piece);
    if (found === undefined) {
      found = this.search(piece);
      if (this.remembered.size >= REMEMBERED) this.remembered.clear();
      this.remembered.set(piece, found);
    }
    return found;
  }

  /** Whether `piece` (printable ASCII) is in one of the texts added. */
  private search(piece: string): boolean {
    const next = this.hintAt + 1;
    if (this.hintAt >= 0 && this.hintIn.startsWith(piece, next)) {
      this.hintAt = next;
      return true;
    }
    this.exactChecks++;
    return this.findIn(this.main, piece) || this.findIn(this.tail, piece);
  }

  private findIn(joined: string, piece: string): boolean {
    const at = joined.indexOf(piece);
    if (at < 0) return false;
    this.hintIn = joined;
    this.hintAt = at;
    return true;
  }

  /** Add every piece of `s`. Searchable after flush(). */
  addPieces(s: string): void {
    if (s.length < this.length) return;
    if (!ODD.test(s)) {
      this.pending.push(s);
      return;
    }
    // Excluded pieces are printable ASCII: these are not among them.
    for (let i = 0; i + this.length <= s.length; i++) {
      const piece = s.slice(i, i + this.length);
      if (ODD.test(piece)) this.others.add(piece);
    }
    this.pending.push(s.replace(ALL_ODD, SEPARATOR));
  }

  /**
   * Make what was added searchable: join it to the texts, and add its pieces to the filter (or
   * fill a larger filter with every piece, when this one would grow too full). The first flush
   * after a whole store's registration joins once and fills once.
   */
  flush(): void {
    if (this.pending.length === 0) return;
    this.excludedSet();
    const added = this.pending.join(SEPARATOR);
    this.pending = [];
    if (this.main.length === 0) this.main = added;
    else this.tail = this.tail.length === 0 ? added : this.tail + SEPARATOR + added;
    // The tail is copied each time it grows and the main string each time the tail is merged: a
    // merge at a quarter of the main string bounds the copying by a few times the whole.
    if (this.tail.length > Math.max(MIN_TAIL, this.main.length / 4)) {
      this.main = this.main + SEPARATOR + this.tail;
      this.tail = '';
    }
    const total = this.main.length + this.tail.length;
    if (!this.filter || total > this.filter.capacity * REFILL_GROWTH) {
      // Each character starts at most one piece: the total length bounds the pieces.
      this.filter = new PieceFilter(this.length, Math.max(MIN_CAPACITY, total), this.options.bitsPerPiece, this.options.hashes);
      this.filter.addAll(this.main);
      this.filter.addAll(this.tail);
    } else this.filter.addAll(added);
    this.remembered.clear();
    this.hintAt = -1;
    this.hintIn = '';
  }
}
