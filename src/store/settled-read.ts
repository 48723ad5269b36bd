// Reading a file another program may be rewriting in place right now. Claude Code, older Codex
// builds and the gateway's own save (a plain writeFile) truncate the file and then write it, so a
// reader can see it empty or cut short for a moment. A file that fails to parse and was modified
// in the last couple of seconds is read again a few times (~300 ms in all) before it is called
// corrupt; a file that is bad and old is reported at once, as before.
import fsp from 'node:fs/promises';
import { StoreCorruptError } from '../util/errors.js';

/** A failing file modified this recently may still be being written. */
const RECENT_WRITE_MS = 2_000;
/** Waits between re-reads: ~300 ms in all, long enough for a writer to finish a small file. */
const REREAD_DELAYS_MS = [20, 30, 50, 80, 120];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function modifiedRecently(file: string): Promise<boolean> {
  try {
    const st = await fsp.stat(file);
    return Date.now() - st.mtimeMs < RECENT_WRITE_MS;
  } catch {
    return false;
  }
}

/**
 * Run `attempt` (read + parse); when it fails with StoreCorruptError and the file was written
 * moments ago, run it again after short waits. The last failure is what the caller sees when the
 * file stays bad. Other errors (permissions, a directory) are not retried.
 */
export async function readWhileSettling<T>(file: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (first) {
    if (!(first instanceof StoreCorruptError) || !(await modifiedRecently(file))) throw first;
    let last: unknown = first;
    for (const ms of REREAD_DELAYS_MS) {
      await sleep(ms);
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof StoreCorruptError)) throw err;
        last = err;
      }
    }
    throw last;
  }
}
