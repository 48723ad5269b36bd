// Output of the one-shot `models status` written straight to file descriptor 1. The first touch
// of process.stdout makes Node build a stream around it (for a pipe, a net.Socket: the net and
// streams modules, ~4 ms of CPU and ~2 MiB of RSS on Node 26), which is a tenth of what a cron
// run of `--check` may cost. Writing synchronously is what process.stdout does for files and
// pipes on POSIX anyway, so the bytes and their order are the same.
import fs from 'node:fs';

// A descriptor someone else made non-blocking can refuse a write while the pipe is full; wait a
// millisecond for the reader instead of spinning.
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to stdout; false when the reader has gone (EPIPE), as with `| head -1`. */
export function writeStdoutSync(text: string, fd = 1): boolean {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else if (code === 'EPIPE') return false;
      else throw err;
    }
  }
  return true;
}

/**
 * Whether fd 1 is a terminal, without building process.stdout. A pipe or a file (cron, a monitor)
 * is not a character device and is answered by one fstat; only a character device (a terminal, or
 * /dev/null) is asked through node:tty, which loads the net module.
 */
export function stdoutIsTerminal(fd = 1): boolean {
  try {
    if (!fs.fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}
