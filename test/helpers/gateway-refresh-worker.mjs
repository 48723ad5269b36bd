// Acts as the Clawdbot gateway refreshing an OAuth profile (its refreshOAuthTokenWithLock):
// proper-lockfile 4.1.2 with the gateway's options on the agent's auth-profiles.json; under the
// lock re-read the store; if the stored `expires` is in the future use that token (another process
// refreshed); otherwise POST a refresh grant to the token server, save with a plain writeFile (as
// the gateway does), unlock. Rounds on stdin: each "go" line runs one refresh and prints one JSON
// line {ok, refreshed, access} or {ok:false, error}. Exits when stdin closes.
//   argv: <auth-profiles.json> <profileId> <token endpoint URL>
import fs from 'node:fs';
import readline from 'node:readline';
import lockfile from 'proper-lockfile';

// The gateway's options (gateway-lock-worker.mjs has the same; importing it would run its modes).
const GATEWAY_LOCK_OPTIONS = { stale: 30_000, retries: { retries: 10, factor: 2, minTimeout: 100, maxTimeout: 10_000, randomize: true } };

const [file, profileId, tokenUrl] = process.argv.slice(2);
const say = (v) => process.stdout.write(JSON.stringify(v) + '\n');

async function refreshOnce() {
  const unlock = await lockfile.lock(file, GATEWAY_LOCK_OPTIONS);
  try {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const cred = doc.profiles[profileId];
    if (typeof cred.expires === 'number' && cred.expires > Date.now()) return { ok: true, refreshed: false, access: cred.access };
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cred.refresh, client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' }).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.json();
    if (!res.ok) return { ok: false, error: `HTTP ${res.status} ${body.error}` };
    doc.profiles[profileId] = { ...cred, access: body.access_token, refresh: body.refresh_token, expires: Date.now() + body.expires_in * 1000 };
    fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
    return { ok: true, refreshed: true, access: body.access_token };
  } finally {
    await unlock();
  }
}

const lines = readline.createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  try {
    say(await refreshOnce());
  } catch (err) {
    say({ ok: false, error: String(err?.code ?? err?.message ?? err) });
  }
}
