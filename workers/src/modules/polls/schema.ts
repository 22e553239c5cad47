import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Polls posted by the bot: Discord's native polls (`kind` = `native`, votes counted by Discord,
 * `results` copied from the message when it ends) and button polls (`buttons`, votes in
 * `poll_votes`, closed by the `polls.close` job at `ends_at`).
 */
export const polls = pgTable(
  'polls',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id'),
    kind: text('kind').notNull(),
    question: text('question').notNull(),
    answers: jsonb('answers').$type<string[]>().notNull(),
    multiselect: boolean('multiselect').notNull().default(false),
    /** Button polls: voters are never shown, only counts. */
    anonymous: boolean('anonymous').notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    endsAt: tstz('ends_at').notNull(),
    closedAt: tstz('closed_at'),
    /** Votes per answer (index order) once the poll is over. */
    results: jsonb('results').$type<number[]>(),
  },
  (t) => [index('polls_guild_idx').on(t.guildId, t.createdAt)],
);

/** One member's vote for one answer of a button poll (a member votes once per answer: idempotent). */
export const pollVotes = pgTable(
  'poll_votes',
  {
    pollId: integer('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answer: integer('answer').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId, t.answer] })],
);
