// The shared store module: the only code that touches credential files on disk.
export * from '../util/errors.js';
export * from './paths.js';
export * from './auth-profiles.js';
export * from './auth-store.js';
export * from './agent-store.js';
export * from './config.js';
export * from './env-file.js';
export * from './lock.js';
export * from './mutations.js';
export * from './credentials.js';
export {
  ensurePrivateDir,
  tightenFileMode,
  sweepOrphanedTempFiles,
  writePrivateFileAtomic,
  readFileIfExists,
  FILE_MODE,
  DIR_MODE,
  type WarningSink,
  defaultWarningSink,
} from './atomic-file.js';
export { importLegacyCredentials } from './legacy.js';
