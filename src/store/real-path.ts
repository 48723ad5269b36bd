// The real file behind a path. Locks and atomic renames must act on the file itself, not on a
// symlink to it: two agents whose auth-profiles.json link to one shared file must take one lock
// (the gateway's proper-lockfile resolves links the same way), and a rename over a link would
// replace the link with a copy.
import fs from 'node:fs';
import path from 'node:path';
import { ClawdbotError, isNodeError } from '../util/errors.js';

const MAX_LINK_HOPS = 32;

/**
 * fs.realpath for a file that may not exist yet: a missing file resolves through its directory
 * (and a dangling link through its target), so the first write lands where later ones will.
 * Blocking calls (realpath(3) itself, as fs.promises.realpath uses): each is a few syscalls on
 * cached metadata, where a thread-pool round trip is a wait of its own on a busy machine, and the
 * one-shot status otherwise needs no thread pool at all.
 */
export async function resolveRealFile(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
    try {
      return fs.realpathSync.native(current);
    } catch (err) {
      if (isNodeError(err, 'ELOOP')) break;
      if (!isNodeError(err, 'ENOENT') && !isNodeError(err, 'ENOTDIR')) throw err;
    }
    let linkText: string | undefined;
    try {
      const st = fs.lstatSync(current);
      if (st.isSymbolicLink()) linkText = fs.readlinkSync(current);
    } catch (err) {
      if (!isNodeError(err, 'ENOENT') && !isNodeError(err, 'ENOTDIR')) throw err;
    }
    if (linkText !== undefined) {
      // A dangling link: follow it to the file it will create.
      current = path.resolve(path.dirname(current), linkText);
      continue;
    }
    // A missing file: resolve its directory (which may itself be missing, then it stays as given).
    try {
      return path.join(fs.realpathSync.native(path.dirname(current)), path.basename(current));
    } catch (err) {
      if (isNodeError(err, 'ENOENT') || isNodeError(err, 'ENOTDIR')) return current;
      throw err;
    }
  }
  throw new ClawdbotError(`${file}: too many levels of symbolic links; nothing was written.`);
}
