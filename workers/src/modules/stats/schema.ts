import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Stats module tables (seed 000 "Module Stats", without TimescaleDB): rollups per 5 minutes and
 * per UTC day, per-member daily and cumulative totals, and the voice state of each member,
 * written by the guild hubs' aligned flushes (`hub/flushSql.ts`; events are counted in each
 * hub's SQLite in between, raw events never reach Postgres). Voice time is kept in milliseconds so
 * sessions split across buckets still add up exactly.
 */
const snowflake = (name: string) => text(name);
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const counter = (name: string) => integer(name).notNull().default(0);
const msCounter = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/**
 * Flushes from the guild hubs already applied (`hub/flushSql.ts`): the flush id is inserted in
 * the same statement as the deltas, so a flush sent twice adds nothing the second time. Kept 30 days.
 */
export const statsFlushes = pgTable(
  'stats_flushes',
  {
    flushId: text('flush_id').primaryKey(),
    guildId: snowflake('guild_id').notNull(),
    flushedAt: tstz('flushed_at').notNull().defaultNow(),
  },
  (t) => [index('stats_flushes_guild_at_idx').on(t.guildId, t.flushedAt)],
);

/** Shape shared by the 5-minute and daily rollups; `channelId` '' holds guild-level counts (joins, leaves). */
const rollupColumns = {
  guildId: snowflake('guild_id').notNull(),
  channelId: snowflake('channel_id').notNull().default(''),
  messages: counter('messages'),
  reactions: counter('reactions'),
  joins: counter('joins'),
  leaves: counter('leaves'),
  voiceMs: msCounter('voice_ms'),
};

/** Per guild, 5-minute bucket (UTC-aligned) and channel. Kept for the plan's retention window. */
export const stats5min = pgTable('stats_5min', { ...rollupColumns, bucket: tstz('bucket').notNull() }, (t) => [
  primaryKey({ name: 'stats_5min_pk', columns: [t.guildId, t.bucket, t.channelId] }),
]);

/** Per guild, UTC day and channel. Small (a row per channel per day): kept 365 days on every plan. */
export const statsDaily = pgTable('stats_daily', { ...rollupColumns, day: tstz('day').notNull() }, (t) => [
  primaryKey({ name: 'stats_daily_pk', columns: [t.guildId, t.day, t.channelId] }),
]);

/** Per guild, UTC day and member: leaderboards over a period, active members. Plan window. */
export const statsMemberDaily = pgTable(
  'stats_member_daily',
  {
    guildId: snowflake('guild_id').notNull(),
    day: tstz('day').notNull(),
    userId: snowflake('user_id').notNull(),
    messages: counter('messages'),
    reactions: counter('reactions'),
    voiceMs: msCounter('voice_ms'),
  },
  (t) => [primaryKey({ name: 'stats_member_daily_pk', columns: [t.guildId, t.day, t.userId] })],
);

/** Cumulative totals per member since the module was on; never trimmed by retention. */
export const statsMemberTotals = pgTable(
  'stats_member_totals',
  {
    guildId: snowflake('guild_id').notNull(),
    userId: snowflake('user_id').notNull(),
    messages: counter('messages'),
    reactions: counter('reactions'),
    voiceMs: msCounter('voice_ms'),
    joins: counter('joins'),
    leaves: counter('leaves'),
    lastJoinedAt: tstz('last_joined_at'),
    lastActiveAt: tstz('last_active_at'),
  },
  (t) => [primaryKey({ name: 'stats_member_totals_pk', columns: [t.guildId, t.userId] })],
);

/**
 * The last voice state seen per member: the channel they are in (null: not in voice) since
 * `since`. A change closes the interval [since, change) and credits it to the channel.
 */
export const statsVoiceState = pgTable(
  'stats_voice_state',
  {
    guildId: snowflake('guild_id').notNull(),
    userId: snowflake('user_id').notNull(),
    channelId: snowflake('channel_id'),
    since: tstz('since').notNull(),
  },
  (t) => [primaryKey({ name: 'stats_voice_state_pk', columns: [t.guildId, t.userId] })],
);
