// The last screen's "Next:" commands.
import type { OnboardData } from '../../../src/state/wizard/index.js';

export function nextCommands(d: OnboardData): string[] {
  const agent = d.agentId !== 'main' ? ` --agent ${d.agentId}` : '';
  const out = [`clawdbot models status${agent}     see every credential, live`];
  if (d.provider === 'skip' && !d.saved?.profileId) out.unshift(`clawdbot onboard${agent}     when you are ready to add a credential`);
  else out.push(`clawdbot models status --check${agent}     for scripts and monitoring (exit 0/1/2)`);
  return out;
}
