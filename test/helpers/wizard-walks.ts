// Walks through the onboarding wizard that several pty tests share, on a running `clawdbot onboard`.
import type { PtyRun } from './pty.js';

/** Provider (Anthropic) -> API key -> the key typed -> the suggested profile name accepted. */
export async function enterAnthropicApiKey(r: PtyRun, key: string): Promise<void> {
  await r.waitFor('Provider');
  r.press('enter');
  await r.waitFor('How to sign in (anthropic)');
  r.press('enter');
  await r.waitFor('Credential: API key');
  r.write(key);
  await r.waitFor(`(${key.length} characters, hidden)`);
  r.press('enter');
  await r.waitFor('Profile name');
  r.press('enter');
}
