import { sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import type { TxKind } from './ledger';

/** One line of a member's history. */
export interface LedgerLine {
  txId: number;
  kind: TxKind;
  /** Positive: received; negative: spent. */
  amount: number;
  memo: string | null;
  actorId: string;
  /** The other side: a member's id, or `system:mint` / `system:shop`. */
  counterpart: string | null;
  createdAt: string;
}

/** Reads of the ledger (one statement each). */
export const economyReads = {
  async balance(db: Db, guildId: string, userId: string): Promise<number> {
    const { rows } = await db.execute(sql`SELECT balance FROM economy_balances WHERE guild_id = ${guildId} AND account = ${userId}`);
    return rows.length ? Number(rows[0]!.balance) : 0;
  },

  /** Members with money, richest first (ties by id), and each one's rank. */
  async leaderboard(db: Db, guildId: string, limit: number): Promise<{ userId: string; balance: number; rank: number }[]> {
    const { rows } = await db.execute(sql`SELECT account, balance FROM economy_balances WHERE guild_id = ${guildId} AND account NOT LIKE 'system:%' AND balance > 0 ORDER BY balance DESC, account LIMIT ${limit}`);
    return rows.map((r, i) => ({ userId: r.account as string, balance: Number(r.balance), rank: i + 1 }));
  },

  /** A member's latest movements, newest first. */
  async history(db: Db, guildId: string, userId: string, limit: number): Promise<LedgerLine[]> {
    const { rows } = await db.execute(sql`SELECT e.tx_id, t.kind, e.amount, t.memo, t.actor_id, t.created_at,
        (SELECT o.account FROM economy_entries o WHERE o.tx_id = e.tx_id AND o.account <> e.account LIMIT 1) AS counterpart
      FROM economy_entries e JOIN economy_transactions t ON t.id = e.tx_id
      WHERE e.guild_id = ${guildId} AND e.account = ${userId} ORDER BY e.id DESC LIMIT ${limit}`);
    return rows.map((r) => ({
      txId: Number(r.tx_id), kind: r.kind as TxKind, amount: Number(r.amount), memo: (r.memo as string | null) ?? null, actorId: r.actor_id as string,
      counterpart: (r.counterpart as string | null) ?? null, createdAt: new Date(r.created_at as string).toISOString(),
    }));
  },
};
