// `doctor` as a function: check everything, repair what was asked, return findings. The order
// matters: files first (a corrupt or locked store blocks everything else), then the things that
// write through the store (legacy import, external CLI sync, config migrations), then what the
// files say about each other, then credential health from the status model.
import path from 'node:path';
import {
  AgentStore,
  NO_CHANGE,
  agentFlag,
  StoreCorruptError,
  authStorePath,
  envFilePath,
  legacyAgentAuthPath,
  legacyOAuthPath,
  locksDir,
  readAuthStore,
  readConfig,
  updateConfig,
  agentsRoot,
  homeDir,
  type AuthProfileStore,
  type ClawdbotConfig,
} from '../store/index.js';
import fsp from 'node:fs/promises';
import { errorMessage } from '../util/redact.js';
import { listRecoveryFiles } from '../store/recovery.js';
import {
  checkAuthStoreFile,
  checkConfigFile,
  checkLegacyFile,
  checkLocks,
  checkPermissions,
  checkTempFiles,
  lockTargets,
} from './files.js';
import { checkConfigMigrations, checkReferences, repairConfigReferences, repairStoreReferences } from './references.js';
import { credentialFindings, refreshCandidates } from './credentials.js';
import { sharedRefreshTokenFindings } from './shared-refresh.js';
import { type DoctorOptions, type DoctorResult, type Finding, isProblem } from './types.js';

async function corruptCopies(dir: string, base: string): Promise<string[]> {
  try {
    return (await fsp.readdir(dir)).filter((n) => n.startsWith(`${base}.corrupt-`)).map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

const key = (f: Finding) => `${f.id}\u0000${f.subject ?? ''}\u0000${f.message}`;

export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorResult> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now();
  const repair = options.repair === true;
  const deps = options.deps ?? {};
  const warnings: string[] = [];
  const store = new AgentStore(options.agentId, env, (m) => warnings.push(m));
  const findings: Finding[] = [];
  const configPath = store.configPath;

  // 1. Files: permissions, temp files, locks, unreadable store/config.
  const stateDir = store.stateDir;
  const dirs = [stateDir, agentsRoot(env), path.dirname(store.agentDir), store.agentDir, locksDir(env), path.dirname(legacyOAuthPath(env))];
  // Only dirs inside the state dir are ours to tighten (CLAWDBOT_AGENT_DIR may point anywhere).
  // Never the home directory itself (a state or agent dir set to ~ must not make ~ 0700).
  const home = path.resolve(homeDir(env));
  const ownDirs = [...new Set(dirs)].filter(
    (d) => (d === store.agentDir || d === stateDir || d.startsWith(stateDir + path.sep)) && path.resolve(d) !== home && path.resolve(d) !== path.parse(d).root,
  );
  const files = [
    store.storePath,
    configPath,
    `${configPath}.bak`,
    envFilePath(env),
    legacyAgentAuthPath(store.agentDir),
    legacyOAuthPath(env),
    ...(await corruptCopies(store.agentDir, path.basename(store.storePath))),
    ...(await corruptCopies(path.dirname(configPath), path.basename(configPath))),
  ];
  // A check that cannot run (EACCES on someone else's dir...) is a finding, never a crash.
  const step = async (what: string, fn: () => Promise<Finding[]>): Promise<Finding[]> => {
    try {
      return await fn();
    } catch (err) {
      return [{ id: 'doctor.check-failed', severity: 'error', message: `could not check ${what}: ${errorMessage(err)}` }];
    }
  };
  findings.push(...(await step('permissions', () => checkPermissions({ dirs: ownDirs, files }, repair))));
  findings.push(...(await step('temp files', () => checkTempFiles([store.storePath, configPath, `${configPath}.bak`], repair))));
  findings.push(...(await step('locks', async () => checkLocks(await lockTargets([store.storePath, configPath], locksDir(env)), repair))));
  const storeCheck = await checkAuthStoreFile(store.storePath, repair, now);
  findings.push(...storeCheck.findings);
  const configCheck = await checkConfigFile(configPath, repair, now);
  findings.push(...configCheck.findings);

  // 2. Writes every command does on load: legacy import (only while no store exists), external CLI sync.
  const storeExisted = (await readAuthStore(store.storePath).catch(() => ({ exists: true }))).exists;
  if (!storeExisted) {
    findings.push(...(await checkLegacyFile(legacyAgentAuthPath(store.agentDir))));
    findings.push(...(await checkLegacyFile(legacyOAuthPath(env))));
  }
  if (storeCheck.readable) {
    try {
      const loaded = await store.load();
      for (const note of loaded.imported) findings.push({ id: 'legacy.imported', severity: 'info', message: note, fixed: true });
      for (const note of loaded.restored) findings.push({ id: 'recovery.imported', severity: 'info', message: note, fixed: true });
      for (const file of await listRecoveryFiles(store.storePath)) {
        findings.push({
          id: 'recovery.kept',
          severity: 'warning',
          subject: file,
          message: `${file} holds a credential a failed save left behind that could not be added to the store (another account, or an unreadable file)`,
          fix: `look at the file, copy what you need with \`clawdbot models auth paste-token${agentFlag(store.agentId)}\`, then remove it`,
        });
      }
      if (deps.syncExternalCli) {
        for (const note of await deps.syncExternalCli(store, env, now)) {
          // "imported"/"updated" notes report a fix done; a login not imported is information only.
          findings.push({ id: 'sync.external-cli', severity: 'info', message: note, ...(note.includes('not imported') ? {} : { fixed: true }) });
        }
      }
    } catch (err) {
      findings.push({
        id: err instanceof StoreCorruptError ? 'store.corrupt' : 'sync.failed',
        severity: 'error',
        message: `could not load or sync ${store.storePath}: ${errorMessage(err)}`,
        fix: 'clawdbot doctor --repair',
      });
    }
  }
  // Loading does the housekeeping every command does (tighten the store file, sweep its temp
  // files). Re-check: what that fixed is reported as fixed, not as still wrong.
  let recheck: Finding[] | undefined;
  try {
    recheck = [
      ...(await checkPermissions({ dirs: ownDirs, files }, false)),
      ...(await checkTempFiles([store.storePath, configPath, `${configPath}.bak`], false)),
    ];
  } catch {
    recheck = undefined; // cannot tell: claim nothing was fixed
  }
  for (const f of recheck ? findings : []) {
    if (f.fixed !== undefined || !(f.id.startsWith('permissions.') || f.id === 'store.temp-files')) continue;
    if (recheck!.some((r) => r.id === f.id && r.subject === f.subject)) continue;
    f.fixed = true;
    f.message = f.id === 'store.temp-files' ? `removed: ${f.message}` : `tightened: ${f.message}`;
    delete f.fix;
  }
  for (const w of warnings.splice(0)) {
    if (/^tightened permissions of /.test(w) || w.startsWith('imported ')) continue;
    findings.push({ id: 'store.notice', severity: 'info', message: w });
  }

  // 3. Config migrations and what the files say about each other.
  let config: ClawdbotConfig | undefined;
  if (configCheck.readable) {
    try {
      const loaded = await readConfig(configPath);
      config = loaded.config;
      const mig = checkConfigMigrations(config, configPath);
      if (mig.notes.length && repair) {
        try {
          await updateConfig(configPath, () => undefined, { warn: (m) => warnings.push(m) });
          for (const f of mig.findings) {
            f.fixed = true;
            f.message = f.message.replace('uses an old setting: ', 'migrated: ');
            delete f.fix;
          }
          config = (await readConfig(configPath)).config;
        } catch (err) {
          for (const f of mig.findings) {
            f.fixed = false;
            f.message += ` (could not migrate: ${errorMessage(err)})`;
          }
        }
      }
      findings.push(...mig.findings);
    } catch (err) {
      findings.push({ id: 'config.unreadable', severity: 'error', subject: configPath, message: errorMessage(err) });
    }
  }

  let doc: AuthProfileStore | undefined;
  if (storeCheck.readable) doc = await readAuthStore(store.storePath).then((l) => l.store).catch(() => undefined);
  if (doc) {
    const paths = { storePath: store.storePath, configPath, agentId: store.agentId };
    const refs = checkReferences(doc, config ?? {}, paths);
    if (repair && refs.findings.some((f) => f.id !== 'config.profile-missing')) {
      const errors: string[] = [];
      try {
        if (Object.keys(refs.storeOrder).length || refs.lastGood.length) {
          await store.update((d) => (repairStoreReferences(d).length ? true : NO_CHANGE));
        }
      } catch (err) {
        errors.push(errorMessage(err));
      }
      try {
        if (config && (Object.keys(refs.configOrder).length || Object.keys(refs.modeFixes).length)) {
          const fresh = (await readAuthStore(store.storePath)).store;
          await updateConfig(configPath, (cfg) => repairConfigReferences(cfg, fresh, refs.modeFixes), { warn: (m) => warnings.push(m) });
        }
      } catch (err) {
        errors.push(errorMessage(err));
      }
      // Re-check: what is gone now was fixed; what is left was not.
      const after = checkReferences(
        (await readAuthStore(store.storePath)).store,
        configCheck.readable ? (await readConfig(configPath)).config : {},
        paths,
      );
      const left = new Set(after.findings.map(key));
      for (const f of refs.findings) {
        if (f.id === 'config.profile-missing') continue;
        f.fixed = !left.has(key(f));
        if (f.fixed) {
          const done: Record<string, string> = {
            'order.missing-profile': 'dropped it from the order',
            'config.order-missing-profile': 'dropped it from the order',
            'config.mode-mismatch': 'set the config to match the stored credential',
            'store.last-good-missing': 'cleared it',
          };
          f.message = `${f.message}; ${done[f.id] ?? 'fixed'}`;
          delete f.fix;
        } else if (errors.length) f.message += ` (repair failed: ${errors.join('; ')})`;
      }
    }
    findings.push(...refs.findings);
  }

  // Two profiles (here or in another agent's store) holding one refresh token.
  if (storeCheck.readable) {
    try {
      findings.push(...(await sharedRefreshTokenFindings(store.agentId, env, config ?? {})));
    } catch (err) {
      findings.push({ id: 'report.failed', severity: 'error', message: `could not compare refresh tokens across agents: ${errorMessage(err)}` });
    }
  }

  // 4. Credential health from the status model, and the offer to refresh OAuth tokens now.
  if (storeCheck.readable && deps.buildAgentReport) {
    try {
      let report = await deps.buildAgentReport(store, env, now);
      const candidates = deps.refreshProfile ? refreshCandidates(report) : [];
      const refreshed = new Map<string, string | undefined>();
      if (candidates.length && deps.refreshProfile) {
        const ids = candidates.map((c) => c.profileId);
        const go =
          options.yes === true ||
          (deps.confirm ? await deps.confirm(`Refresh ${ids.length === 1 ? 'the OAuth token of ' : ''}${ids.join(', ')} now?`) : false);
        if (go) {
          for (const id of ids) {
            try {
              await deps.refreshProfile(store, id);
              refreshed.set(id, undefined);
            } catch (err) {
              refreshed.set(id, errorMessage(err));
            }
          }
          report = await deps.buildAgentReport(store, env, Date.now());
        }
      }
      const creds = credentialFindings(report);
      for (const [id, error] of refreshed) {
        if (error === undefined && !creds.some((f) => f.subject === id && isProblem(f))) {
          findings.push({ id: 'credential.refreshed', severity: 'info', subject: id, message: `refreshed the OAuth token of ${id}`, fixed: true });
        } else if (error !== undefined) {
          findings.push({
            id: 'credential.refresh-failed',
            severity: 'error',
            subject: id,
            message: `could not refresh ${id}: ${error}`,
            fix: `clawdbot models auth refresh --profile ${id}${agentFlag(store.agentId)}`,
            fixed: false,
          });
        }
      }
      for (const f of creds) {
        if ((f.id === 'credential.expiring-refreshable' || f.id === 'credential.expired-refreshable') && f.subject && candidates.some((c) => c.profileId === f.subject) && !refreshed.size) {
          f.fix = `clawdbot doctor --yes (refreshes it now), or ${f.fix}`;
        }
      }
      findings.push(...creds);
    } catch (err) {
      findings.push({ id: 'report.failed', severity: 'error', message: `could not build the status report: ${errorMessage(err)}` });
    }
  }

  for (const w of warnings) findings.push({ id: 'store.notice', severity: 'info', message: w });
  if (store.agentId !== 'main') {
    // Commands that name no profile are written for main here and there; they must act on this agent.
    for (const f of findings) if (f.fix) f.fix = f.fix.replace(/clawdbot (doctor( --repair| --yes)?|onboard)(?![\w-]| --agent)/g, (m) => `${m} --agent ${store.agentId}`);
  }
  return { ok: !findings.some(isProblem), agentId: store.agentId, storePath: authStorePath(store.agentDir), findings };
}
