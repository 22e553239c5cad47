import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One money movement (a `/daily`, a payment, a purchase, an admin's give or take), with who
 * did it. Its `economy_entries` sum to zero (double-entry): money comes from or goes to a
 * system account (`system:mint` issues and destroys, `system:shop` receives purchases).
 */
export const economyTransactions = pgTable(
  'economy_transactions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    guildId: text('guild_id').notNull(),
    /** `daily` | `work` | `pay` | `buy` | `refund` | `give` | `take`. */
    kind: text('kind').notNull(),
    /** Who caused it (the member, or the admin for give/take). */
    actorId: text('actor_id').notNull(),
    memo: text('memo'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('economy_transactions_guild_idx').on(t.guildId, t.id)],
);

/** One side of a transaction: `amount` added to (positive) or taken from (negative) an account. */
export const economyEntries = pgTable(
  'economy_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txId: bigint('tx_id', { mode: 'number' }).notNull().references(() => economyTransactions.id, { onDelete: 'cascade' }),
    guildId: text('guild_id').notNull(),
    /** A member's user id, or `system:mint` / `system:shop`. */
    account: text('account').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [index('economy_entries_account_idx').on(t.guildId, t.account, t.id)],
);

/**
 * Each account's balance: the sum of its entries, kept in the same transaction as the entries
 * (so reads are one row). A member's balance can never go below zero (the check constraint is
 * the last line of defence; the ledger refuses first).
 */
export const economyBalances = pgTable(
  'economy_balances',
  {
    guildId: text('guild_id').notNull(),
    account: text('account').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.account] }),
    check('economy_balances_not_negative', sql`${t.balance} >= 0 OR ${t.account} LIKE 'system:%'`),
    index('economy_balances_rank_idx').on(t.guildId, t.balance),
  ],
);

/** When a member may next claim `/daily` or `/work` (claimed in the same transaction as the pay). */
export const economyCooldowns = pgTable(
  'economy_cooldowns',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    nextAt: tstz('next_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId, t.kind] })],
);
