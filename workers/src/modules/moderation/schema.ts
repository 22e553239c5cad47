import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Moderation cases: one row per action taken on a member (warn, timeout, kick, ban, unban,
 * softban…), by the bot, the dashboard or Discord's own UI. `number` counts per guild (#1, #2…)
 * and is what moderators quote; it comes from `moderation_case_counters` in the same statement.
 * A timed action stays `active` until it is lifted (by its job, an undo, or an unban).
 */
export const moderationCases = pgTable(
  'moderation_cases',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    number: integer('number').notNull(),
    /** `warn`, `timeout`, `untimeout`, `kick`, `ban`, `unban`, `softban`. */
    type: text('type').notNull(),
    /** The moderator; null when Discord did not say who acted. */
    actorId: text('actor_id'),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    /** Seconds, for timed actions (a timeout, a temporary ban). */
    durationSeconds: integer('duration_seconds'),
    expiresAt: tstz('expires_at'),
    /** True while a timed action is in force. */
    active: boolean('active').notNull().default(false),
    /** Where the action was taken: `command`, `dashboard`, `discord` (outside the bot), `system` (a job), `automod`. */
    source: text('source').notNull(),
    /** Messages tied to the case (the mod-log post). */
    messageIds: text('message_ids').array().notNull().default(sql`'{}'::text[]`),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    liftedAt: tstz('lifted_at'),
    liftedBy: text('lifted_by'),
  },
  (t) => [
    uniqueIndex('moderation_cases_number_idx').on(t.guildId, t.number),
    index('moderation_cases_target_idx').on(t.guildId, t.targetId, t.createdAt),
    index('moderation_cases_created_idx').on(t.guildId, t.createdAt),
    // The cron sweep's safety net: timed actions past their expiry.
    index('moderation_cases_expiry_idx').on(t.expiresAt).where(sql`${t.active}`),
  ],
);

/** The last case number handed out per guild (one atomic upsert per new case). */
export const moderationCaseCounters = pgTable('moderation_case_counters', {
  guildId: text('guild_id').primaryKey(),
  last: integer('last').notNull().default(0),
});

/** Private notes moderators keep about a member (never shown to them). */
export const moderationNotes = pgTable(
  'moderation_notes',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    targetId: text('target_id').notNull(),
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('moderation_notes_target_idx').on(t.guildId, t.targetId, t.createdAt)],
);
