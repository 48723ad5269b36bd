// The outcome of resolving one secret reference. A failure is a state, never an exception: it
// names the variable, file or command and the fix, and never holds the secret.
export type RefResolution = { ok: true; value: string } | { ok: false; problem: string; fix: string };
