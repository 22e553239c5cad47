import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A giveaway: its message, prize, winners' count, end time, entry rules and (once ended) winners. */
export const giveaways = pgTable(
  'giveaways',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id'),
    prize: text('prize').notNull(),
    winners: integer('winners').notNull(),
    requiredRoles: jsonb('required_roles').$type<string[]>().notNull().default([]),
    /** Extra entries per role held: `[{ roleId, entries }]`. */
    bonus: jsonb('bonus').$type<{ roleId: string; entries: number }[]>().notNull().default([]),
    hostId: text('host_id').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    endsAt: tstz('ends_at').notNull(),
    endedAt: tstz('ended_at'),
    winnerIds: jsonb('winner_ids').$type<string[]>(),
  },
  (t) => [index('giveaways_guild_idx').on(t.guildId, t.createdAt)],
);

/** One member's entry, stored when they click (so a restart loses none), with its weight. */
export const giveawayEntries = pgTable(
  'giveaway_entries',
  {
    giveawayId: integer('giveaway_id').notNull().references(() => giveaways.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    weight: integer('weight').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.giveawayId, t.userId] })],
);
