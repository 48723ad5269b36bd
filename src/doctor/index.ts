// doctor: findings and repairs for one agent's credential files. No UI.
export * from './types.js';
export { runDoctor } from './run.js';
export { signInCommand } from './references.js';
export { corruptStamp, preserveCopy } from './files.js';
