// Typed errors for everything clawdbot can refuse, shared by every layer (store, sign-in, engine,
// commands). Each one carries a message that is a single, complete line for the user (what is wrong
// and what to do) and never contains a secret.
import { closestProfileId } from './closest-word.js';

export class ClawdbotError extends Error {
  /** Process exit code when this error ends a command. */
  readonly exitCode: number = 1;
  /** Machine-readable code for --json output and tests. */
  readonly code: string = 'error';
  /**
   * Phrases of the message that are our own words (redaction never scrubs pieces of a pasted secret
   * out of them). `ownMessage: true` declares the whole message ours: built from literals and
   * numbers only, never from input.
   */
  readonly ownText: readonly string[];
  constructor(message: string, options?: { cause?: unknown; ownText?: readonly string[]; ownMessage?: boolean }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.ownText = options?.ownMessage ? [message] : (options?.ownText ?? []);
  }
}

/** Bad flags, bad arguments, bad pasted input. */
export class UsageError extends ClawdbotError {
  override readonly code: string = 'usage';
}

/** Ctrl-C, Ctrl-D or "no" at a confirmation: nothing was written. Exit 130 like an interrupted shell command. */
export class CancelledError extends ClawdbotError {
  override readonly code: string = 'cancelled';
  override readonly exitCode: number = 130;
  constructor() {
    super('Cancelled; nothing was written.');
  }
}

/** A thing the user named does not exist (a profile id, an agent). */
export class NotFoundError extends ClawdbotError {
  override readonly code: string = 'not_found';
}

/** A profile id an agent's store does not hold: the id it may have been meant as, and where to find them all. */
export function noSuchProfile(profileId: string, agentId: string, known: Iterable<string>, list = `clawdbot models auth list --agent ${agentId}`): NotFoundError {
  const guess = closestProfileId(profileId, known);
  const meant = guess ? ` (did you mean ${guess}?)` : '';
  return new NotFoundError(`No profile "${profileId}" in agent ${agentId}${meant}; see \`${list}\` for the ids.`);
}

/**
 * A store or config file exists but cannot be used: empty, truncated, not JSON, the wrong shape, or
 * a future version. The original is never overwritten; `clawdbot doctor --repair` moves it aside.
 */
export class StoreCorruptError extends ClawdbotError {
  override readonly code: string = 'store_corrupt';
  constructor(
    readonly filePath: string,
    readonly reason: string,
    readonly where?: string,
  ) {
    super(
      `${filePath}: ${reason}${where ? ` (at ${where})` : ''}. The file was left untouched; ` +
        `fix it by hand or run \`clawdbot doctor --repair\` to move it aside and start a new one.`,
    );
  }
}

/** The cross-process lock could not be taken in time. Never followed by an unlocked write. */
export class LockTimeoutError extends ClawdbotError {
  override readonly code: string = 'lock_timeout';
  constructor(
    readonly lockPath: string,
    readonly waitedMs: number,
    holder?: string,
  ) {
    super(
      `Could not lock ${lockPath} within ${Math.round(waitedMs / 1000)}s` +
        `${holder ? `, held by ${holder}` : ''}; nothing was written. ` +
        `Try again once it is released; \`clawdbot doctor\` shows the holder and \`clawdbot doctor --repair\` removes the lock once it is stale.`,
    );
  }
}

/** Our lock was taken over while we held it (we stalled past the stale time): the write is aborted. */
export class LockCompromisedError extends ClawdbotError {
  override readonly code: string = 'lock_compromised';
  constructor(readonly lockPath: string) {
    super(
      `Lost the lock on ${lockPath} (this process stalled longer than the stale time); ` +
        `the write was aborted so a newer state is not overwritten. Run the command again.`,
    );
  }
}

export function isNodeError(err: unknown, code?: string): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err && (code === undefined || (err as NodeJS.ErrnoException).code === code);
}
