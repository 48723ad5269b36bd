// Stands in for ink/build/log-update.js in the bundle (scripts/ink-perf-plugin.mjs): Ink's
// standard writer as published, and the line-diffing writer when a render asks for
// `incrementalRendering` (the dashboard and the wizard do).
import stockLogUpdate from 'ink-stock-log-update';
import { createLineDiffLog } from './line-diff-log.js';

const logUpdate = {
  create(stream: NodeJS.WriteStream, options: { showCursor?: boolean; incremental?: boolean } = {}) {
    return options.incremental ? createLineDiffLog(stream, options) : stockLogUpdate.create(stream, options);
  },
};

export default logUpdate;
