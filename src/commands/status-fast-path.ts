// `clawdbot models status` one-shot runs from cron and monitoring every few minutes, so it skips
// commander (a third of the start-up cost of this command). This recognises only the exact,
// complete forms of that command; anything else (help, a typo, a missing value, an unknown flag)
// returns undefined and goes through commander, which owns every error message.
import type { ModelsStatusOptions } from './models-status.js';

const BOOLEAN_FLAGS: Record<string, keyof ModelsStatusOptions> = {
  '--json': 'json',
  '--plain': 'plain',
  '--check': 'check',
  '--all-agents': 'allAgents',
  '--probe': 'probe',
  '--usage': 'usage',
};
const VALUE_FLAGS: Record<string, 'agent' | 'warnWithin' | 'warnUsage'> = { '--agent': 'agent', '--warn-within': 'warnWithin', '--warn-usage': 'warnUsage' };

/** Every flag the fast path understands (a test checks this against the commander definition). */
export const STATUS_FAST_PATH_FLAGS = { boolean: Object.keys(BOOLEAN_FLAGS), withValue: Object.keys(VALUE_FLAGS) };

export function parseStatusFastPath(args: readonly string[]): ModelsStatusOptions | undefined {
  let i = 0;
  if (args[i] !== 'models') return undefined;
  i++;
  if (args[i] === 'status') i++;
  const opts: ModelsStatusOptions = { agent: 'main', warnWithin: '24h' };
  for (; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const bool = BOOLEAN_FLAGS[name];
    if (bool && eq < 0) {
      (opts as Record<string, unknown>)[bool] = true;
      continue;
    }
    const key = VALUE_FLAGS[name];
    if (!key) return undefined;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('-'))) return undefined;
    opts[key] = value;
  }
  return opts;
}
