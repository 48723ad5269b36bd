// Which file a path names right now, and which version of it: device, inode, size and
// modification time to the nanosecond. An atomic save (write-file-atomic, ours and the gateway's
// proper-lockfile-guarded writes) is a new inode; a plain in-place rewrite (Claude Code, older
// Codex builds) changes the size or the time. Equal versions mean the bytes read are still there.
import fs from 'node:fs';

/** The file's version, or undefined when it cannot be stat'ed (missing, no permission). */
export function fileVersion(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return undefined;
  }
}
