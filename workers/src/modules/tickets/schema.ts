import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One ticket: a private channel for its member and the category's staff. Times for the
 * statistics: `first_response_at` (the first message by someone other than the member and the
 * bot, read from the transcript at close) and `closed_at`; `transcript` is the HTML kept at the
 * last close.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    number: integer('number').notNull(),
    category: text('category').notNull(),
    channelId: text('channel_id'),
    openerId: text('opener_id').notNull(),
    status: text('status').notNull().default('open'),
    answers: text('answers').notNull().default('[]'),
    claimedBy: text('claimed_by'),
    firstResponderId: text('first_responder_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    firstResponseAt: tstz('first_response_at'),
    closedAt: tstz('closed_at'),
    closedBy: text('closed_by'),
    closeReason: text('close_reason'),
    transcript: text('transcript'),
  },
  (t) => [index('tickets_guild_idx').on(t.guildId, t.status), index('tickets_channel_idx').on(t.channelId)],
);
