// Ink's own ink/build/log-update.js under a name the bundle plugin resolves (Ink's package
// exports do not expose the file). Typed as far as log-update-switch.ts uses it.
declare module 'ink-stock-log-update' {
  const logUpdate: { create(stream: NodeJS.WriteStream, options?: { showCursor?: boolean; incremental?: boolean }): unknown };
  export default logUpdate;
}
