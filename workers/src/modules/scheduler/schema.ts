import { index, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** `/remind me`: one row per reminder; `delivered_at` set once it is sent. */
export const schedulerReminders = pgTable(
  'scheduler_reminders',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    channelId: text('channel_id').notNull(),
    userId: text('user_id').notNull(),
    text: text('text').notNull(),
    dueAt: tstz('due_at').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    deliveredAt: tstz('delivered_at'),
  },
  (t) => [index('scheduler_reminders_member_idx').on(t.guildId, t.userId, t.dueAt)],
);

/**
 * What was delivered, one row per (guild, post or reminder, due time): the claim taken before
 * posting, so a job QStash delivers twice (a retry, two chains after a config change) posts
 * once; and the month's count of the delivery quota.
 */
export const schedulerDeliveries = pgTable(
  'scheduler_deliveries',
  {
    guildId: text('guild_id').notNull(),
    /** `post:<id>` or `reminder:<id>`. */
    ref: text('ref').notNull(),
    dueAt: tstz('due_at').notNull(),
    deliveredAt: tstz('delivered_at').notNull().defaultNow(),
    messageId: text('message_id'),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.ref, t.dueAt] }), index('scheduler_deliveries_month_idx').on(t.guildId, t.deliveredAt)],
);
