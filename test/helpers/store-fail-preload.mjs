// Preloaded with `node --import` into a CLI process to inject one file-system failure (G4):
// CLAWDBOT_TEST_FAIL=rename|fsync|write makes that call fail with EIO (write: ENOSPC) for files
// whose name contains "auth-profiles.json". write-file-atomic looks these up on the fs module at
// call time, so patching the shared module object is enough. Test-only; never shipped.
import fs from 'node:fs';

const what = process.env.CLAWDBOT_TEST_FAIL;
const fail = (code, cb) => {
  const err = Object.assign(new Error(`${code}: injected failure`), { code });
  process.nextTick(cb, err);
};
const fdsOfStore = new Set();
const realOpen = fs.open;
fs.open = function (file, flags, mode, cb) {
  const callback = typeof mode === 'function' ? mode : cb;
  const args = typeof mode === 'function' ? [file, flags] : [file, flags, mode];
  return realOpen.call(fs, ...args, (err, fd) => {
    if (!err && String(file).includes('auth-profiles.json')) fdsOfStore.add(fd);
    callback(err, fd);
  });
};
if (what === 'rename') {
  const real = fs.rename;
  fs.rename = (a, b, cb) => (String(b).includes('auth-profiles.json') ? fail('EIO', cb) : real.call(fs, a, b, cb));
} else if (what === 'fsync') {
  const real = fs.fsync;
  fs.fsync = (fd, cb) => (fdsOfStore.has(fd) ? fail('EIO', cb) : real.call(fs, fd, cb));
} else if (what === 'write') {
  const real = fs.write;
  fs.write = (fd, ...rest) => (fdsOfStore.has(fd) ? fail('ENOSPC', rest[rest.length - 1]) : real.call(fs, fd, ...rest));
}
