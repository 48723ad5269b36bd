// Legacy credential files, imported into auth-profiles.json the first time an agent's store is
// used (that is, while auth-profiles.json does not exist yet):
// - `<agentDir>/auth.json`        {provider: {type:"api_key",key} | {type:"oauth",access,refresh,expires,...}}
// - `<state>/credentials/oauth.json` {provider: {access, refresh, expires, ...}}
// Both become `<provider>:default`. The legacy files are left in place (Clawdbot deletes auth.json;
// we never delete a user's credentials), and are not read again once the store exists.
import type { AnyCredential, AuthProfileStore } from './auth-profiles.js';
import { readFileIfExists } from './atomic-file.js';

type Json = Record<string, unknown>;

async function readJsonObject(file: string): Promise<Json | undefined> {
  const bytes = await readFileIfExists(file);
  if (!bytes) return undefined;
  try {
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined; // a broken legacy file is reported by doctor, not fatal here
  }
}

function toCredential(provider: string, raw: unknown, assumeOAuth: boolean): AnyCredential | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Json;
  const type = typeof r.type === 'string' ? r.type : assumeOAuth ? 'oauth' : undefined;
  if (type === 'api_key' && typeof r.key === 'string' && r.key) return { ...r, type, provider, key: r.key };
  if (type === 'token' && typeof r.token === 'string' && r.token) return { ...r, type, provider, token: r.token };
  if (type === 'oauth' && (typeof r.access === 'string' || typeof r.refresh === 'string')) {
    return { ...r, type, provider, access: String(r.access ?? ''), refresh: String(r.refresh ?? ''), expires: Number(r.expires ?? 0) };
  }
  return undefined;
}

export interface LegacySources {
  agentAuthPath: string;
  oauthPath: string;
}

/** Mutates `store`; returns one line per imported profile. */
export async function importLegacyCredentials(store: AuthProfileStore, sources: LegacySources): Promise<string[]> {
  const notes: string[] = [];
  const agentAuth = await readJsonObject(sources.agentAuthPath);
  for (const [provider, raw] of Object.entries(agentAuth ?? {})) {
    const id = `${provider}:default`;
    const cred = toCredential(provider, raw, false);
    if (cred && !store.profiles[id]) {
      store.profiles[id] = cred;
      notes.push(`imported ${id} from ${sources.agentAuthPath}`);
    }
  }
  const oauth = await readJsonObject(sources.oauthPath);
  for (const [provider, raw] of Object.entries(oauth ?? {})) {
    const id = `${provider}:default`;
    const cred = toCredential(provider, raw, true);
    if (cred && !store.profiles[id]) {
      store.profiles[id] = cred;
      notes.push(`imported ${id} from ${sources.oauthPath}`);
    }
  }
  return notes;
}
