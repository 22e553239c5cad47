import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Each member's XP totals, written only by the guild hub's aligned flush (`hub/flushXpSql.ts`:
 * `xp = xp + delta`); the hub counts messages and voice time in between. The level is not
 * stored: it follows from the XP and the guild's configurable curve.
 */
export const levelingMembers = pgTable(
  'leveling_members',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    xp: bigint('xp', { mode: 'number' }).notNull().default(0),
    messages: integer('messages').notNull().default(0),
    voiceMinutes: integer('voice_minutes').notNull().default(0),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] }), index('leveling_members_rank_idx').on(t.guildId, t.xp)],
);

/** Flushes already applied: the flush id is inserted with the deltas, so a flush sent twice adds nothing. */
export const levelingFlushes = pgTable('leveling_flushes', {
  flushId: text('flush_id').primaryKey(),
  guildId: text('guild_id').notNull(),
  flushedAt: tstz('flushed_at').notNull().defaultNow(),
});
