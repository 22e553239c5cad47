import type { Db } from '../../lib/db';
import { checkConfigure, checkDisable, checkEnable, checkVersion, type NextState } from '../manager/checks';
import { ModuleError } from '../manager/ModuleError';
import { commitModuleChange, commitPlan, insertAuditItems, loadGuildState, type ModuleChange } from '../manager/moduleStore';
import { getRevision } from '../manager/revisions';
import type { Plan } from '../ModuleDefinition';
import { parsePlan } from '../plans';
import type { ModuleRegistry } from '../registry';
import { pushRing, type FeedInput, type FeedItem } from './feed';
import type { GuildInfo, GuildState, ModuleState } from './GuildState';
import type { HubCounters, HubMessage } from './HubMessage';

/**
 * The hub's display counters, its feed's last items, and the member count with the ids of the
 * last joins and leaves that moved it (one stored value: the count and what it counted are
 * written together, so a re-delivered join or leave never moves it twice).
 */
type Live = { counters: HubCounters; feed: FeedItem[]; memberCount?: number; counted?: string[] };

/**
 * Ids of member events kept in `live` as counted: a re-delivery comes right after its first
 * delivery (the inbox restarted before recording it, or a retry of the batch's failed events);
 * an event retried later than this (a dead letter) has a claim of its own (processing writes one).
 */
export const COUNTED_IDS_KEPT = 1_000;

/** Counters alone are stored at most this often (each write of `live` is a billed row). */
const LIVE_SAVE_MS = 5 * 60_000;

/** The key/value part of Durable Object storage the hub uses (a Map in tests). */
export interface HubStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** What the hub core needs from its runtime. */
export interface HubDeps {
  storage: HubStorage;
  registry: ModuleRegistry;
  /** Runs `fn` with a database (a pool per call, ended afterwards). */
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Sends a message to every dashboard socket of the guild. */
  broadcast(message: HubMessage): void;
  /** Tells the shard which events the guild now needs. */
  notifyShard(guildId: string, events: string[]): Promise<void>;
  /** After a module change is committed: runs the module's lifecycle hooks (never fails the write). */
  onModuleChange?(change: CommittedChange): void;
}

/** A committed module change, as lifecycle hooks see it. */
export interface CommittedChange {
  guildId: string;
  moduleId: string;
  plan: Plan;
  actorId: string | null;
  requestId?: string;
  before: { enabled: boolean; config: unknown } | null;
  after: { enabled: boolean; config: unknown };
}

/** Who asks for a change. */
export interface Actor {
  actorId: string | null;
  requestId?: string;
}

/** The answer to a module write. */
export interface ModuleChangeResult {
  moduleId: string;
  action: ModuleChange['action'];
  state: ModuleState;
  revisionId: number;
}

/**
 * The GuildHub's logic, free of the Durable Object runtime so tests drive it with a Map and a
 * real Postgres. Single-threaded by construction (one DO instance per guild), so a
 * read-check-write sequence cannot lose an update.
 */
export class HubCore {
  #state: GuildState | undefined;
  /** Counters and feed, kept in memory; stored when the feed changes or every {@link LIVE_SAVE_MS}. */
  #liveCopy: Live | undefined;
  #liveSavedAt = 0;

  constructor(private readonly deps: HubDeps) {}

  /** The guild's state: memory, then DO storage, then Postgres (hydration on first use). */
  async getState(guildId: string): Promise<GuildState> {
    if (this.#state?.guildId === guildId) return this.#state;
    let state = await this.deps.storage.get<GuildState>('state');
    if (!state || state.guildId !== guildId) {
      state = await this.deps.withDb((db) => loadGuildState(db, this.deps.registry, guildId));
      await this.deps.storage.put('state', state);
    }
    // Joins and leaves change only the count: it is stored with the feed (see publish).
    const count = (await this.#live()).memberCount;
    if (count !== undefined && state.guild) state.guild.memberCount = count;
    // Modules added to the registry since the state was stored appear with their defaults.
    for (const def of this.deps.registry.all()) {
      state.modules[def.id] ??= { enabled: !!def.alwaysOn, config: this.deps.registry.defaultConfig(def.id), version: 0, updatedAt: null };
    }
    this.#state = state;
    return state;
  }

  /** Drops the hot copy and reloads from Postgres (after an out-of-band write). */
  async refresh(guildId: string): Promise<GuildState> {
    // The member count is the hub's own (joins and leaves never write Postgres): keep it.
    const known = (this.#state ?? (await this.deps.storage.get<GuildState>('state')))?.guild;
    this.#state = undefined;
    await this.deps.storage.delete('state');
    const state = await this.getState(guildId);
    if (known && state.guild) {
      state.guild = { ...state.guild, memberCount: known.memberCount };
      await this.deps.storage.put('state', state);
    }
    return state;
  }

  async enable(guildId: string, input: Actor & { moduleId: string; config?: unknown; expectedVersion?: number }): Promise<ModuleChangeResult> {
    const state = await this.getState(guildId);
    checkVersion(state, input.moduleId, input.expectedVersion);
    return this.#commit(state, input, 'enabled', checkEnable(this.deps.registry, state, input.moduleId, input.config));
  }

  async disable(guildId: string, input: Actor & { moduleId: string; expectedVersion?: number }): Promise<ModuleChangeResult> {
    const state = await this.getState(guildId);
    checkVersion(state, input.moduleId, input.expectedVersion);
    return this.#commit(state, input, 'disabled', checkDisable(this.deps.registry, state, input.moduleId));
  }

  async configure(guildId: string, input: Actor & { moduleId: string; config: unknown; expectedVersion?: number; reason?: string }): Promise<ModuleChangeResult> {
    const state = await this.getState(guildId);
    checkVersion(state, input.moduleId, input.expectedVersion);
    return this.#commit(state, input, 'configured', checkConfigure(this.deps.registry, state, input.moduleId, input.config));
  }

  /** Re-applies a past revision's `after` (enabled flag and config), re-running every check. */
  async rollback(guildId: string, input: Actor & { moduleId: string; revisionId: number }): Promise<ModuleChangeResult> {
    const state = await this.getState(guildId);
    const rev = await this.deps.withDb((db) => getRevision(db, guildId, input.revisionId));
    if (rev.moduleId !== input.moduleId) throw new ModuleError('RevisionNotFound', `Revision ${input.revisionId} is not a ${input.moduleId} revision`);
    const target = rev.after as { enabled: boolean; config: unknown };
    const reg = this.deps.registry;
    const next = target.enabled ? checkEnable(reg, state, input.moduleId, target.config) : { ...checkDisable(reg, state, input.moduleId), config: checkConfigure(reg, state, input.moduleId, target.config).config };
    return this.#commit(state, { ...input, reason: `rollback to revision ${input.revisionId}` }, 'rollback', next);
  }

  /** Changes the plan (the caller checked the actor is a bot owner); unavailable modules are turned off. */
  async setPlan(guildId: string, input: Actor & { plan: Plan }): Promise<GuildState> {
    const plan = parsePlan(input.plan);
    const state = await this.getState(guildId);
    const before = state.plan;
    if (plan === before) return state;
    await this.deps.withDb((db) => commitPlan(db, guildId, plan, before, input.actorId, input.requestId));
    state.plan = plan;
    await this.deps.storage.put('state', state);
    this.deps.broadcast({ type: 'plan:change', plan });
    for (const def of this.deps.registry.all()) {
      if (state.modules[def.id]?.enabled && !def.availability[plan] && !def.alwaysOn) {
        await this.#commit(state, { actorId: input.actorId, requestId: input.requestId, moduleId: def.id, reason: `plan changed to ${plan}` }, 'disabled', { enabled: false, config: state.modules[def.id]!.config });
      }
    }
    return state;
  }

  /**
   * Ingest processing pushes what it did; the hub keeps the counters and the last items and
   * broadcasts them. Counters and feed are ONE stored value (`live`), written when the feed
   * gets items and otherwise at most every {@link LIVE_SAVE_MS}: each write is a billed row,
   * and counters alone change with every batch. The counts of the last few minutes can be
   * lost if the object is evicted before its next batch; they are display tallies (Stats keeps
   * its own exact ledger).
   */
  async publish(guildId: string, input: { items: FeedInput[]; guild?: Partial<GuildInfo>; counters?: HubCounters; counted?: string[] }): Promise<void> {
    const state = await this.getState(guildId);
    const live = await this.#live();
    let countChanged = false;
    if (input.counted?.length) {
      const known = new Set(live.counted);
      live.counted = [...(live.counted ?? []), ...input.counted.filter((id) => !known.has(id))].slice(-COUNTED_IDS_KEPT);
      countChanged = true;
    }
    if (input.guild) {
      const before = state.guild;
      state.guild = { name: '', icon: null, ownerId: null, memberCount: 0, ...state.guild, ...input.guild };
      const g = state.guild;
      // A join or leave changes only the member count: it goes into `live` (written anyway for
      // the feed item) instead of a second row for `state`.
      if (before && before.name === g.name && before.icon === g.icon && before.ownerId === g.ownerId) {
        countChanged ||= live.memberCount !== g.memberCount;
        live.memberCount = g.memberCount;
      } else {
        if (live.memberCount !== undefined) countChanged = true;
        delete live.memberCount;
        await this.deps.storage.put('state', state);
      }
    }
    const hasCounters = !!input.counters && Object.keys(input.counters).length > 0;
    if (!hasCounters && input.items.length === 0 && !countChanged) return;
    const at = Date.now();
    if (hasCounters) for (const [k, n] of Object.entries(input.counters!)) live.counters[k] = (live.counters[k] ?? 0) + n;
    const now = new Date().toISOString();
    const items: FeedItem[] = input.items.map(({ audit: _audit, transient: _transient, ...rest }) => ({ ...rest, id: crypto.randomUUID(), at: now }));
    if (items.length > 0) live.feed = pushRing(live.feed, items);
    if (input.items.some((i) => !i.transient) || countChanged || at - this.#liveSavedAt >= LIVE_SAVE_MS) {
      await this.deps.storage.put('live', live);
      this.#liveSavedAt = at;
    }
    if (hasCounters) this.deps.broadcast({ type: 'counters', counters: live.counters });
    for (const item of items) this.deps.broadcast({ type: 'event', item });
    if (input.items.some((i) => i.audit)) await this.deps.withDb((db) => insertAuditItems(db, guildId, input.items));
  }

  /** Ids of the last joins and leaves that moved the member count (see {@link COUNTED_IDS_KEPT}). */
  async countedMembers(): Promise<ReadonlySet<string>> {
    return new Set((await this.#live()).counted);
  }

  /** Counters accumulated from processing (events by type, messages sent, errors). */
  async counters(): Promise<HubCounters> {
    return (await this.#live()).counters;
  }

  /** The last items of the live feed (oldest first). */
  async recentFeed(): Promise<FeedItem[]> {
    return (await this.#live()).feed;
  }

  /** The stored counters and feed (from the separate keys of older versions when `live` is not written yet). */
  async #live(): Promise<Live> {
    if (this.#liveCopy) return this.#liveCopy;
    const live = (await this.deps.storage.get<Live>('live'))
      ?? { counters: (await this.deps.storage.get<HubCounters>('counters')) ?? {}, feed: (await this.deps.storage.get<FeedItem[]>('feed')) ?? [] };
    return (this.#liveCopy = live);
  }

  async #commit(state: GuildState, actor: Actor & { moduleId: string; reason?: string }, action: ModuleChange['action'], next: NextState): Promise<ModuleChangeResult> {
    const prev = state.modules[actor.moduleId];
    const change: ModuleChange = {
      guildId: state.guildId, moduleId: actor.moduleId, action, before: prev ? { enabled: prev.enabled, config: prev.config } : null,
      after: next, actorId: actor.actorId, requestId: actor.requestId, reason: actor.reason,
    };
    const written = await this.deps.withDb((db) => commitModuleChange(db, change));
    const moduleState: ModuleState = { ...next, version: written.version, updatedAt: written.updatedAt };
    state.modules[actor.moduleId] = moduleState;
    await this.deps.storage.put('state', state);
    const toggled = prev?.enabled !== next.enabled;
    this.deps.broadcast(toggled
      ? { type: 'module:change', moduleId: actor.moduleId, action: next.enabled ? 'enabled' : 'disabled', state: moduleState }
      : { type: 'config:change', moduleId: actor.moduleId, state: moduleState });
    this.deps.onModuleChange?.({ guildId: state.guildId, moduleId: actor.moduleId, plan: state.plan, actorId: actor.actorId, requestId: actor.requestId, before: change.before, after: next });
    if (toggled) {
      const enabled = Object.entries(state.modules).filter(([, m]) => m.enabled).map(([id]) => id);
      await this.deps.notifyShard(state.guildId, this.deps.registry.needsFor(enabled)).catch(() => {
        // The shard re-reads every guild's needs when it reconnects; a missed push only delays filtering.
      });
    }
    return { moduleId: actor.moduleId, action, state: moduleState, revisionId: written.revisionId };
  }
}
