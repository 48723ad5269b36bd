// Following the files other processes change: the agent's store, the config, the .env file and the
// Claude Code / Codex CLI credentials. One fs.watch per directory (inotify on Linux, no polling),
// events filtered to the file names we care about (the lock file and the writers' temp files are
// ignored, so a locked write is one change, not a storm), and a short debounce so a burst of events
// from one atomic rename is delivered once. A directory that does not exist yet is waited for by
// watching its nearest existing ancestor; a watched directory that disappears is re-armed the same
// way. Changes reach the callback well within a second.
import fs from 'node:fs';
import path from 'node:path';

export interface WatchHandle {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time before a change is delivered (default 80 ms). */
  debounceMs?: number;
  /** Longest a steady stream of events can hold a delivery back (default 400 ms). */
  maxWaitMs?: number;
  /** Watcher failures that could not be recovered from (the watch keeps trying). */
  onError?: (err: unknown) => void;
}

type Watcher = Pick<fs.FSWatcher, 'close' | 'on'>;

/**
 * Call `onChange(changedPaths)` when any of `files` is created, replaced, changed or removed.
 * Paths are compared after path.resolve().
 */
export function watchFiles(files: string[], onChange: (changed: string[]) => void, options: WatchOptions = {}): WatchHandle {
  const debounceMs = options.debounceMs ?? 80;
  const maxWaitMs = options.maxWaitMs ?? 400;
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const abs = path.resolve(f);
    const dir = path.dirname(abs);
    let names = byDir.get(dir);
    if (!names) byDir.set(dir, (names = new Set()));
    names.add(path.basename(abs));
  }

  let closed = false;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstPendingAt = 0;

  const flush = () => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    const changed = [...pending];
    pending.clear();
    try {
      onChange(changed);
    } catch (err) {
      options.onError?.(err);
    }
  };

  const schedule = (changed: string[]) => {
    if (closed) return;
    const now = Date.now();
    if (pending.size === 0) firstPendingAt = now;
    for (const c of changed) pending.add(c);
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - now));
    timer = setTimeout(flush, wait);
    timer.unref?.();
  };

  const dirWatches = [...byDir.entries()].map(([dir, names]) => new DirWatch(dir, names, schedule, options.onError));
  for (const w of dirWatches) w.arm();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of dirWatches) w.close();
    },
  };
}

class DirWatch {
  private watcher: Watcher | undefined;
  /** Set while waiting for `dir` to appear: the ancestor being watched. */
  private waitingOn: string | undefined;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly names: Set<string>,
    private readonly schedule: (changed: string[]) => void,
    private readonly onError?: (err: unknown) => void,
  ) {}

  private allPaths(): string[] {
    return [...this.names].map((n) => path.join(this.dir, n));
  }

  arm(): void {
    if (this.closed) return;
    this.watcher?.close();
    this.watcher = undefined;
    this.waitingOn = undefined;
    try {
      const w = fs.watch(this.dir, { persistent: false }, (_event, filename) => {
        const name = filename == null ? null : String(filename);
        if (name === null) this.schedule(this.allPaths());
        else if (this.names.has(name)) this.schedule([path.join(this.dir, name)]);
        else if (!fs.existsSync(this.dir)) this.rearmLater(true); // the directory itself went away
      });
      w.on('error', () => this.rearmLater(true));
      this.watcher = w;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') this.waitForDir();
      else this.onError?.(err);
    }
  }

  /** The directory is missing: watch the nearest existing ancestor until it shows up. */
  private waitForDir(): void {
    const anc = nearestExisting(this.dir);
    if (!anc) return;
    try {
      const w = fs.watch(anc, { persistent: false }, () => {
        // Something changed on the way down: if the dir now exists, watch it (its files may be new);
        // if only a closer ancestor appeared, move the wait down to it.
        if (fs.existsSync(this.dir)) {
          this.arm();
          this.schedule(this.allPaths());
        } else if (nearestExisting(this.dir) !== anc) {
          this.arm();
        }
      });
      w.on('error', () => this.rearmLater(false));
      this.watcher = w;
      this.waitingOn = anc;
      // It may have appeared between the failed watch and now.
      if (fs.existsSync(this.dir)) {
        this.arm();
        this.schedule(this.allPaths());
      }
    } catch (err) {
      this.onError?.(err);
    }
  }

  private rearmLater(changed: boolean): void {
    if (this.closed) return;
    // A watched directory was removed or replaced: start again (and report the files as changed).
    const t = setTimeout(() => {
      const before = this.waitingOn;
      this.arm();
      if (changed || (before && !this.waitingOn)) this.schedule(this.allPaths());
    }, 20);
    t.unref?.();
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = undefined;
  }
}

function nearestExisting(dir: string): string | undefined {
  let anc = path.dirname(dir);
  for (;;) {
    try {
      if (fs.statSync(anc).isDirectory()) return anc;
    } catch {
      /* keep climbing */
    }
    const up = path.dirname(anc);
    if (up === anc) return undefined;
    anc = up;
  }
}
