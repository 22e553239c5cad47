/**
 * Leveling over a replayed day, exactly, in process: the day's batches counted by the module's
 * own hub code (rules, journal, snapshot) in SQLite (better-sqlite3, the Durable Object's
 * engine), some batches delivered twice as a shard would after a lost ack, flushed at aligned
 * times into Postgres (PGlite with the migrations). The XP is compared with a tally computed
 * independently from the day's events (`leveling.xp_exact`), and the DO rows Leveling writes
 * are counted by SQLite.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import { MIGRATIONS_FOLDER } from '../../drizzle';
import { createLogger } from '../../workers/src/lib/log';
import type { Config } from '../../workers/src/env';
import type { Db } from '../../workers/src/lib/db';
import { levelingConfigSchema, messageXp, type LevelingConfig } from '../../workers/src/modules/leveling';
import { runXpRules } from '../../workers/src/modules/leveling/events/runXpRules';
import { toXpInput, type XpInput } from '../../workers/src/modules/leveling/events/toXpInput';
import { flushLeveling } from '../../workers/src/modules/leveling/hub/flushLeveling';
import { XpLedger } from '../../workers/src/modules/leveling/hub/XpLedger';
import { sqliteLocalStore } from '../../workers/src/platform/testing/sqliteLocalStore';
import type { Day } from './dayTraffic';

/** Leveling's day. */
export interface LevelingDay {
  /** Hub, Postgres and the independent tally agree for every member. */
  exact: boolean;
  /** Sum over members of |hub − tally| + |Postgres − hub| (0 when exact). */
  diff: number;
  totalXp: number;
  /** Voice minutes credited in all (the voice rules were exercised). */
  voiceMinutes: number;
  members: number;
  /** DO SQLite rows Leveling writes that day: per batch, flush marks, snapshots, the journal's pruning. */
  doRowsWritten: number;
  batches: number;
  redelivered: number;
  flushes: number;
}

type Ev = { id: string; type: string; receivedAt?: number; payload: Record<string, unknown> };

/**
 * What the day's events earn, computed from the rules as the config states them, without the
 * module's state code: messages sorted by time with a per-member cooldown; voice time swept
 * over every change, a member credited while their channel holds another member and they are
 * not deafened, whole minutes at the end.
 */
export function tallyXp(events: Ev[], c: LevelingConfig): Map<string, number> {
  const xp = new Map<string, number>();
  const add = (u: string, n: number) => xp.set(u, (xp.get(u) ?? 0) + n);
  const sorted = [...events].sort((a, b) => (a.receivedAt ?? 0) - (b.receivedAt ?? 0));
  const last = new Map<string, number>();
  const mult = (ch: string) => c.channelMultipliers.find((m) => m.channelId === ch)?.multiplier ?? 1;
  const where = new Map<string, { ch: string; deaf: boolean; blocked: boolean }>();
  const ms = new Map<string, number>();
  let prev = 0;
  for (const e of sorted) {
    const t = e.receivedAt ?? 0;
    const p = e.payload as { channel_id?: string | null; author?: { id: string; bot?: boolean }; webhook_id?: string; user_id?: string; self_deaf?: boolean; deaf?: boolean; member?: { roles?: string[]; user?: { bot?: boolean } } };
    const roles = p.member?.roles ?? [];
    const blocked = roles.some((r) => c.noXpRoleIds.includes(r));
    if (e.type === 'MESSAGE_CREATE') {
      const u = p.author?.id;
      if (!u || p.author?.bot || p.webhook_id || !p.channel_id || c.noXpChannelIds.includes(p.channel_id) || blocked) continue;
      if (last.has(u) && t - last.get(u)! < c.cooldownSeconds * 1000) continue;
      last.set(u, t);
      add(u, Math.round(messageXp(e.id, c.messageXpMin, c.messageXpMax) * mult(p.channel_id)));
    } else if (e.type === 'VOICE_STATE_UPDATE') {
      if (!p.user_id || p.member?.user?.bot) continue;
      const count = new Map<string, number>();
      for (const w of where.values()) count.set(w.ch, (count.get(w.ch) ?? 0) + 1);
      for (const [u, w] of where) if (count.get(w.ch)! >= 2 && !w.deaf && !w.blocked && !c.noXpChannelIds.includes(w.ch)) ms.set(u, (ms.get(u) ?? 0) + (t - prev));
      prev = t;
      if (p.channel_id) where.set(p.user_id, { ch: p.channel_id, deaf: p.self_deaf === true || p.deaf === true, blocked });
      else where.delete(p.user_id);
    }
    if (e.type === 'VOICE_STATE_UPDATE') prev = t;
  }
  for (const [u, n] of ms) add(u, Math.floor(n / 60_000) * c.voiceXpPerMinute);
  return xp;
}

/** Counts the day (a batch in `redeliverEvery` delivered twice) and flushes every `flushEvery` minutes. */
export async function levelingDay(day: Day, guildId: string, config: Partial<LevelingConfig>, flushEvery: number, redeliverEvery = 20): Promise<LevelingDay> {
  const client = await PGlite.create();
  const local = sqliteLocalStore();
  const cfg = levelingConfigSchema.parse(config);
  try {
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const ledger = XpLedger.of(local);
    ledger.seed([]);
    const log = createLogger({}, () => {});
    let flushes = 0;
    const flush = async (at: number) => {
      const res = await flushLeveling({ guildId, local, log, now: new Date(at), appConfig: {} as Config, db: db as unknown as Db });
      if (res.statements > 0) flushes++;
    };
    const step = flushEvery * 60_000;
    let next = step;
    let redelivered = 0;
    const rows0 = local.rowsWritten;
    for (const [i, b] of day.batches.entries()) {
      while (b.at >= next) await flush((next += step) - step);
      const inputs = b.batch.events
        .map((e) => toXpInput({ eventId: e.id, guildId, type: e.type as GatewayDispatchEvents, payload: e.payload, receivedAt: new Date(e.receivedAt ?? b.at), config: cfg, plan: 'free' }))
        .filter((x): x is XpInput => x !== null);
      const count = () => ledger.count(inputs, (fresh, state) => runXpRules(cfg, fresh, state), b.at);
      count();
      if (i % redeliverEvery === 0) {
        count();
        redelivered++;
      }
    }
    await flush(next);
    // Each journal row is deleted 48 h after its flush (outside this day): one more write per row.
    const journalRows = Number(local.query<{ n: number }>(`SELECT count(*) AS n FROM leveling_journal`)[0]?.n ?? 0);
    const hub = new Map([...ledger.state.members].filter(([, m]) => m.xp > 0).map(([u, m]) => [u, m.xp]));
    const { rows } = await client.query<{ user_id: string; xp: string }>(`SELECT user_id, xp::text FROM leveling_members WHERE guild_id = $1 AND xp > 0`, [guildId]);
    const pg = new Map(rows.map((r) => [r.user_id, Number(r.xp)]));
    const tally = tallyXp(day.batches.flatMap((b) => b.batch.events as Ev[]), cfg);
    let diff = 0;
    for (const u of new Set([...hub.keys(), ...pg.keys(), ...tally.keys()])) diff += Math.abs((hub.get(u) ?? 0) - (tally.get(u) ?? 0)) + Math.abs((pg.get(u) ?? 0) - (hub.get(u) ?? 0));
    return {
      exact: diff === 0, diff, totalXp: [...hub.values()].reduce((a, b) => a + b, 0), members: hub.size,
      voiceMinutes: [...ledger.state.members.values()].reduce((a, m) => a + m.voiceMin, 0),
      doRowsWritten: local.rowsWritten - rows0 + journalRows, batches: day.batches.length, redelivered, flushes,
    };
  } finally {
    local.close();
    await client.close();
  }
}
