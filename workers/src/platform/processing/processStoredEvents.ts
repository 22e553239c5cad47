import type { REST } from '@discordjs/rest';
import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { Config, Env } from '../../env';
import type { Db } from '../../lib/db';
import type { Logger } from '../../lib/log';
import type { FeedInput } from '../hub/feed';
import type { GuildHubClient } from '../hub/guildHub';
import type { GuildInfo, GuildState } from '../hub/GuildState';
import type { ModuleEvent, ProcessingContext } from '../ModuleDefinition';
import { registry as defaultRegistry, type ModuleRegistry } from '../registry';
import { createRest } from './createRest';
import { createRunMemo } from './createRunMemo';
import { ClaimRounds, type OnceFn } from './ClaimRounds';
import type { ClaimStore } from './ClaimStore';
import { applyLifecycle, MEMBER_COUNT_KEY } from './lifecycle';
import { insertAuditItems } from '../manager/moduleStore';
import type { ProcessableEvent } from './ProcessableEvent';
import { summarizeEvent } from './summarizeEvent';
import { eventServices } from '../ModuleServices';
import { errorFields } from '../../lib/errorFields';
import type { LocalStore } from '../LocalStore';

/** What processing needs; tests swap the hub and the REST client. */
export interface ProcessDeps {
  env: Env;
  appConfig: Config;
  /** Postgres, for the handlers that need it: the hub passes one that connects on first use only. */
  db: Db;
  /** Where `once` claims (and the member-count claims of failed joins and leaves) are kept: the hub's SQLite. */
  claims: ClaimStore;
  log: Logger;
  registry?: ModuleRegistry;
  rest?: REST;
  /** The guild's hub (processing runs inside it: its own core). */
  hub: (guildId: string) => ProcessingHub;
  /** The hub's local storage, when the run happens inside one guild's hub (`ctx.local` for handlers). */
  local?: LocalStore;
}

/** What processing asks of the guild's hub. */
export interface ProcessingHub extends Pick<GuildHubClient, 'getState'> {
  /** Feed items, counters, guild facts, and the joins and leaves that moved the member count (kept with it). */
  publish(input: { items: FeedInput[]; guild?: Partial<GuildInfo>; counters?: Record<string, number>; counted?: string[] }): Promise<void>;
  /** Ids of the last joins and leaves that moved the member count. */
  countedMembers(): Promise<ReadonlySet<string>>;
}

/** Outcome of a processing run. */
export interface ProcessResult {
  processed: number;
  failed: { eventId: string; error: string }[];
}

/** Feed lines per guild per run: a burst of 100 messages should not flush the ring buffer. */
const FEED_PER_RUN = 20;

/**
 * Dispatches delivered events to the enabled modules' handlers, in the guild's hub: guild
 * lifecycle first (so a join sees the new member count, kept by the hub), then per-event
 * handlers (an event's modules in registry order; events side by side, so their `once` claims
 * are taken together, in the hub's SQLite), then each module's batch handler once. The
 * result says which events failed: the inbox delivers those again (then sets them aside).
 * The `audit` feed items become `dashboard_audit_log` rows (rare: errors an admin must see);
 * the feed and counters go to each guild's hub. Postgres is touched only by a handler that
 * uses `db`, a guild create/update/delete, or an audit item: a usual batch opens no connection
 * (Stats counts in the hub's SQLite, `deps.local`, and flushes on the hub's aligned alarm).
 */
export async function processStoredEvents(events: ProcessableEvent[], deps: ProcessDeps): Promise<ProcessResult> {
  const registry = deps.registry ?? defaultRegistry;
  const hubOf = deps.hub;
  const feed = new Map<string, FeedInput[]>();
  const report = (guildId: string, item: FeedInput) => (feed.get(guildId) ?? feed.set(guildId, []).get(guildId)!).push(item);
  let rest = deps.rest;
  const received = new Map(events.map((e) => [e.eventId, e.receivedAt ? new Date(e.receivedAt).getTime() : undefined]));
  const claims = new ClaimRounds(deps.claims, (eventId) => received.get(eventId));
  const ctx: ProcessingContext = {
    env: deps.env, appConfig: deps.appConfig, db: deps.db, log: deps.log,
    get rest() {
      return (rest ??= createRest(deps.appConfig));
    },
    once: claims.once,
    report,
    memo: createRunMemo(),
    ...(deps.local && { local: deps.local }),
  };
  const failed = new Map<string, string>();
  const fail = (eventId: string, err: unknown) => failed.set(eventId, err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : String(err));
  const byGuild = new Map<string, ProcessableEvent[]>();
  for (const e of events) if (e.guildId) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
  const states = new Map<string, GuildState>();
  await Promise.all([...byGuild.keys()].map(async (id) => {
    try {
      states.set(id, await hubOf(id).getState());
    } catch (err) {
      for (const e of byGuild.get(id)!) fail(e.eventId, err);
    }
  }));
  // A join or leave moved the count before if the hub counted it (its last ones) or a failed run left a claim.
  const counted = async (members: ProcessableEvent[]) => {
    const taken = await deps.claims.taken(members.map((e) => ({ eventId: e.eventId, key: MEMBER_COUNT_KEY, at: received.get(e.eventId) })));
    const out = new Set([...taken].map((k) => k.split('\u0000')[0]!));
    for (const id of new Set(members.map((e) => e.guildId!))) for (const eventId of await hubOf(id).countedMembers()) out.add(eventId);
    return out;
  };
  const lifecycle = await applyLifecycle(events.filter((e) => !failed.has(e.eventId)), new Map([...states].map(([id, s]) => [id, s.guild])), { db: deps.db, counted });
  for (const [eventId, err] of lifecycle.failed) fail(eventId, err);
  const batches = new Map<string, ModuleEvent[]>();
  const tasks: Promise<void>[] = [];
  for (const [guildId, list] of byGuild) {
    const state = states.get(guildId);
    if (!state) continue;
    for (const e of list) {
      const summary = summarizeEvent(e);
      if (summary) report(guildId, summary);
      const handlers: { moduleId: string; run: (once: OnceFn) => Promise<void> }[] = [];
      for (const def of registry.all()) {
        const m = state.modules[def.id];
        if (!m?.enabled || !def.events.includes(e.type as GatewayDispatchEvents)) continue;
        if (def.batchHandler) {
          const b = batches.get(def.id) ?? batches.set(def.id, []).get(def.id)!;
          b.push({ eventId: e.eventId, guildId, type: e.type as GatewayDispatchEvents, payload: e.payload, receivedAt: new Date(e.receivedAt ?? Date.now()), config: m.config, plan: state.plan });
        }
        const handler = def.eventHandlers?.[e.type as GatewayDispatchEvents];
        if (!handler || failed.has(e.eventId)) continue;
        const guild = lifecycle.perEvent.get(e.eventId) ?? state.guild;
        handlers.push({ moduleId: def.id, run: (once) => handler(e.payload, { ...ctx, ...eventServices(ctx, def.id, guildId, e.eventId), rest: ctx.rest, once, eventId: e.eventId, guildId, config: m.config, plan: state.plan, guild }) });
      }
      // One task per event: its modules' handlers in registry order; events run side by side
      // so their `once` claims share a round trip (ClaimRounds).
      if (handlers.length > 0) tasks.push(claims.run(async (once) => {
        for (const h of handlers) {
          if (failed.has(e.eventId)) return;
          try {
            await h.run(once);
          } catch (err) {
            deps.log.warn('module handler failed', { moduleId: h.moduleId, eventId: e.eventId, type: e.type, ...errorFields(err) });
            fail(e.eventId, err);
          }
        }
      }));
    }
  }
  await Promise.all(tasks);
  for (const [moduleId, list] of batches) {
    try {
      await registry.require(moduleId).batchHandler!(list, ctx);
    } catch (err) {
      deps.log.warn('module batch handler failed', { moduleId, events: list.length, ...errorFields(err) });
      for (const e of list) fail(e.eventId, err);
    }
  }
  await writeAudit(deps, feed);
  // The member count is stored with the ids it counted, once, with the feed: a run that does not
  // get that far is delivered again and counts them then (their effects have claims of their own).
  const unsaved = await flushFeed(deps, hubOf, feed, lifecycle.latest, lifecycle.moved, byGuild);
  await keepMovedCounts(deps, lifecycle.moved, failed, received);
  for (const eventId of unsaved) fail(eventId, new Error('member count not stored'));
  return { processed: events.length - failed.size, failed: [...failed].map(([eventId, error]) => ({ eventId, error })) };
}

/** The run's `audit: true` feed items, as audit log rows (one statement per guild that has any). */
async function writeAudit(deps: ProcessDeps, feed: Map<string, FeedInput[]>): Promise<void> {
  for (const [guildId, items] of feed) {
    if (!items.some((i) => i.audit)) continue;
    try {
      await insertAuditItems(deps.db, guildId, items);
    } catch (err) {
      deps.log.error('audit items not written', { guildId, ...errorFields(err) });
    }
  }
}

/**
 * Joins and leaves that moved the count in a run that then failed get a claim: a retry moves
 * it no more, however late it comes (rare: one row per failing run).
 */
async function keepMovedCounts(deps: ProcessDeps, moved: Map<string, string[]>, failed: Map<string, string>, received: Map<string, number | undefined>): Promise<void> {
  const keys = [...moved.values()].flat().filter((id) => failed.has(id)).map((eventId) => ({ eventId, key: MEMBER_COUNT_KEY, at: received.get(eventId) }));
  if (keys.length === 0) return;
  await deps.claims.claim(keys).catch((err: unknown) => deps.log.warn('member count claims not written', { events: keys.length, ...errorFields(err) }));
}

/** Publishes each guild's feed, counters and facts; answers the member events whose count could not be stored. */
async function flushFeed(deps: ProcessDeps, hubOf: ProcessDeps['hub'], feed: Map<string, FeedInput[]>, info: Map<string, GuildInfo>, moved: Map<string, string[]>, byGuild: Map<string, ProcessableEvent[]>): Promise<string[]> {
  const unsaved: string[] = [];
  await Promise.all([...byGuild.keys()].map(async (guildId) => {
    const items = (feed.get(guildId) ?? []).map(({ audit: _a, ...rest }) => rest);
    const counters: Record<string, number> = {};
    for (const e of byGuild.get(guildId)!) counters[e.type] = (counters[e.type] ?? 0) + 1;
    // Errors always reach the feed; routine lines are capped to the newest few.
    const kept = [...items.filter((i) => i.level !== 'info'), ...items.filter((i) => i.level === 'info').slice(-FEED_PER_RUN)];
    try {
      await hubOf(guildId).publish({ items: kept, guild: info.get(guildId), counters, counted: moved.get(guildId) });
    } catch (err) {
      deps.log.warn('hub publish failed', { guildId, ...errorFields(err) });
      unsaved.push(...(moved.get(guildId) ?? []));
    }
  }));
  return unsaved;
}
