// What a user can do on the dashboard: move the selection, pick up and move a profile and save the
// order, reset an order, clear a cooldown, refresh, remove, filter, switch agent. Every edit goes
// through the injected store mutations (under the store's lock) and ends with a reload.
import { formatDuration } from '../../util/duration.js';
import { errorMessage } from '../../util/redact.js';
import { type DashboardRow, liveUnusable } from './view-model.js';
import { locate, rowIdAt, rowIdAtIndex } from './table-view.js';
import type { Session } from './session.js';
import type { DashboardCommands, DashboardDeps, Get, Set } from './types.js';

const SOURCE_WHY: Record<string, string> = {
  'claude-cli': 'it comes from Claude Code (~/.claude/.credentials.json)',
  'codex-cli': 'it comes from the Codex CLI ($CODEX_HOME/auth.json)',
  env: 'it comes from an environment variable',
  '.env': 'it comes from ~/.clawdbot/.env',
  'shell env': 'it comes from your login shell environment',
};

export function createCommands(deps: DashboardDeps, set: Set, get: Get, session: Session): DashboardCommands {
  const msg = (kind: 'info' | 'error', text: string) => set({ message: { kind, text } });

  const editGuard = (row: DashboardRow, verb: string): boolean => {
    if (row.editable) return true;
    msg('error', `${row.profileId} cannot be ${verb} here: ${SOURCE_WHY[row.source] ?? `its source is ${row.source}`}.`);
    return false;
  };

  const mutate = async (work: () => Promise<string | null>) => {
    set({ busy: true });
    try {
      const text = await work();
      if (text) msg('info', text);
    } catch (err) {
      msg('error', errorMessage(err));
    } finally {
      set({ busy: false });
    }
    await session.reload();
  };

  /** The row shown at `delta` rows from the selection (clamped to the table); the first row without a selection. */
  const rowFrom = (delta: number): string | undefined => {
    const view = get().view();
    if (!view.rowCount) return undefined;
    const at = locate(view, get().cursor);
    const g = Math.max(0, Math.min(view.rowCount - 1, (at ? at.row : 0) + delta));
    return rowIdAtIndex(view, g);
  };

  return {
    moveCursor(delta) {
      if (get().picked) return get().movePicked(delta);
      const id = rowFrom(delta);
      if (id !== undefined) set({ cursor: id, message: null });
    },

    pick() {
      const row = get().selectedRow();
      if (!row || get().busy) return;
      if (!editGuard(row, 'moved')) return;
      if (get().filter) {
        msg('error', 'Clear the filter (/ then Esc) before reordering: the whole order must be visible.');
        return;
      }
      const section = get().view().sections.find((x) => x.provider === row.provider)!;
      const ids = Array.from({ length: section.size }, (_, k) => rowIdAt(section, k));
      set({ picked: { provider: row.provider, profileId: row.profileId, original: ids, ids }, message: { kind: 'info', text: `Moving ${row.profileId}: ↑/↓ to move, Enter/space to save, Esc to put it back.` } });
    },

    movePicked(delta) {
      const p = get().picked;
      if (!p) return;
      const i = p.ids.indexOf(p.profileId);
      const j = Math.max(0, Math.min(p.ids.length - 1, i + delta));
      if (i === j) return;
      const ids = [...p.ids];
      ids.splice(i, 1);
      ids.splice(j, 0, p.profileId);
      set({ picked: { ...p, ids } });
    },

    async drop() {
      const p = get().picked;
      if (!p) return;
      const s = get();
      // Every id as shown, not only the movable ones: a stored order leaves out profiles it does
      // not list (they are never tried), so a mirrored profile such as anthropic:claude-cli
      // must stay in it. The mutation keeps the ids that are stored profiles of the provider.
      const storeIds = [...p.ids];
      set({ picked: null, orderOverride: { ...s.orderOverride, [p.provider]: p.ids } });
      if (sameList(p.ids, p.original)) {
        msg('info', `Order of ${p.provider} unchanged.`);
        return;
      }
      const agentId = s.agentId;
      await mutate(async () => {
        await session.saving(async () => {
          try {
            await deps.mutations.saveOrder(agentId, p.provider, storeIds);
          } catch (err) {
            const o = { ...get().orderOverride };
            delete o[p.provider];
            set({ orderOverride: o });
            throw err;
          }
        });
        return `Saved the order of ${p.provider}: ${storeIds.join(', ')}`;
      });
    },

    cancelPick() {
      const p = get().picked;
      if (!p) return;
      set({ picked: null, message: { kind: 'info', text: `Put ${p.profileId} back; nothing saved.` } });
    },

    async resetOrder() {
      const row = get().selectedRow();
      if (!row || get().busy) return;
      const agentId = get().agentId;
      const o = { ...get().orderOverride };
      delete o[row.provider];
      set({ orderOverride: o });
      await mutate(async () =>
        (await deps.mutations.clearOrder(agentId, row.provider))
          ? `Cleared the stored order of ${row.provider}; profiles are tried round-robin.`
          : `${row.provider} has no stored order to reset.`,
      );
    },

    async clearCooldown() {
      const row = get().selectedRow();
      if (!row || get().busy) return;
      if (!liveUnusable(row, deps.now())) {
        msg('info', `${row.profileId} has no cooldown to clear.`);
        return;
      }
      const agentId = get().agentId;
      await mutate(async () =>
        (await deps.mutations.clearCooldown(agentId, row.profileId))
          ? `Cleared the ${row.unusable?.kind ?? 'cooldown'} of ${row.profileId}.`
          : `${row.profileId} has no cooldown to clear.`,
      );
    },

    async refreshSelected() {
      const row = get().selectedRow();
      if (!row || get().busy) return;
      if (row.type !== 'oauth' || !row.canRefresh) {
        msg('info', `${row.profileId} is not an OAuth profile with a refresh token; nothing to refresh.`);
        return;
      }
      const agentId = get().agentId;
      msg('info', `Refreshing ${row.profileId}…`);
      await mutate(async () => {
        const expiresAt = await deps.mutations.refreshProfile(agentId, row.profileId);
        const left = expiresAt !== undefined ? `; expires in ${formatDuration(expiresAt - deps.now())}` : '';
        return `Refreshed ${row.profileId}${left}.`;
      });
    },

    requestRemove() {
      const row = get().selectedRow();
      if (!row || get().busy) return;
      if (!editGuard(row, 'removed')) return;
      set({ mode: 'confirm-remove', confirmId: row.profileId, message: null });
    },
    async confirmRemove() {
      const id = get().confirmId;
      if (!id) return;
      const agentId = get().agentId;
      const view = get().view();
      const at = locate(view, id);
      // The row below takes its place; the one above when it was the last.
      const neighbour = at ? (rowIdAtIndex(view, at.row + 1) ?? rowIdAtIndex(view, at.row - 1)) : rowIdAtIndex(view, 0);
      set({ mode: 'list', confirmId: null, cursor: neighbour ?? null });
      await mutate(async () =>
        (await deps.mutations.removeProfile(agentId, id)) ? `Removed ${id}.` : `${id} was already gone.`,
      );
    },
    cancelRemove() {
      set({ mode: 'list', confirmId: null, message: { kind: 'info', text: 'Nothing removed.' } });
    },

    openFilter() {
      set({ mode: 'filter', message: null });
    },
    setFilter(text) {
      set({ filter: text.replace(/[\r\n\t]/g, '') });
      const view = get().view();
      if (view.rowCount && !locate(view, get().cursor)) set({ cursor: rowIdAtIndex(view, 0)! });
    },
    closeFilter(keep) {
      if (!keep) get().setFilter('');
      set({ mode: 'list' });
    },
    toggleHelp() {
      set({ mode: get().mode === 'help' ? 'list' : 'help' });
    },

    async openAgents() {
      let agents: string[];
      try {
        agents = await deps.listAgents();
      } catch (err) {
        msg('error', errorMessage(err));
        return;
      }
      if (!agents.includes(get().agentId)) agents = [get().agentId, ...agents];
      set({ mode: 'agents', agents, agentCursor: Math.max(0, agents.indexOf(get().agentId)), message: null });
    },
    moveAgentCursor(delta) {
      const s = get();
      set({ agentCursor: Math.max(0, Math.min(s.agents.length - 1, s.agentCursor + delta)) });
    },
    async chooseAgent(agentId) {
      const s = get();
      const id = agentId ?? s.agents[s.agentCursor];
      set({ mode: 'list' });
      if (!id || id === s.agentId) return;
      set({ agentId: id, agent: null, report: null, cursor: null, picked: null, orderOverride: {}, filter: '', loading: true, message: null });
      session.follow(id);
      await session.reload();
    },
    closeAgents() {
      set({ mode: 'list' });
    },
    quit() {
      get().stop();
      set({ quitRequested: true });
    },
    setMessage(kind, text) {
      msg(kind, text);
    },
  };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
