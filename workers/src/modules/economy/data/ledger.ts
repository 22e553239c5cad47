import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import { EconomyError } from '../EconomyError';

/** System accounts: the mint issues (`/daily`, `/work`, give) and destroys (take); the shop receives purchases. */
export const SYSTEM = { mint: 'system:mint', shop: 'system:shop' } as const;
const isSystem = (account: string) => account.startsWith('system:');

/** What a transaction is. */
export type TxKind = 'daily' | 'work' | 'pay' | 'buy' | 'refund' | 'give' | 'take';

/** One money movement: its entries must sum to zero (double-entry). */
export interface Movement {
  kind: TxKind;
  actorId: string;
  memo?: string | null;
  entries: { account: string; amount: number }[];
  /** Claims a cooldown in the same transaction: refused (`OnCooldown`) while it runs. */
  cooldown?: { userId: string; kind: 'daily' | 'work'; seconds: number };
}

/** What a posted movement left: its id and the new balances of its accounts. */
export interface Posted {
  txId: number;
  balances: Record<string, number>;
}

type Executor = { execute(query: SQL): Promise<{ rows: Record<string, unknown>[] }> };
const rows = async (db: Executor, q: SQL) => (await db.execute(q)).rows;
const list = (values: SQL[]) => sql.join(values, sql`, `);

/** Postgres's "try again" answers: a deadlock victim or a serialization failure. */
function retryable(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '40P01' || e.code === '40001') return true;
  return false;
}

/**
 * Posts a movement in ONE Postgres transaction: the cooldown claim (when any), the balances of
 * its accounts locked in a fixed order (so two members paying each other at once wait for one
 * another instead of deadlocking), the refusal when a member's balance would go below zero
 * (nothing is written), then the balances updated, the transaction and its entries inserted.
 * A balance is therefore never without its entries, and money is only ever moved, never made
 * or lost, except through the mint. Retried on a deadlock or serialization failure.
 */
export async function postMovement(db: Db, guildId: string, m: Movement): Promise<Posted> {
  if (m.entries.some((e) => !Number.isSafeInteger(e.amount) || e.amount === 0)) throw new EconomyError('InvalidAmount', 'Amounts are whole numbers other than zero');
  if (m.entries.reduce((a, e) => a + e.amount, 0) !== 0) throw new Error('a movement’s entries must sum to zero');
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => postOnce(tx as unknown as Executor, guildId, m));
    } catch (err) {
      if (attempt >= 4 || !retryable(err)) throw err;
    }
  }
}

async function postOnce(tx: Executor, guildId: string, m: Movement): Promise<Posted> {
  if (m.cooldown) {
    const c = m.cooldown;
    const claimed = await rows(tx, sql`INSERT INTO economy_cooldowns (guild_id, user_id, kind, next_at) VALUES (${guildId}, ${c.userId}, ${c.kind}, now() + make_interval(secs => ${c.seconds}))
      ON CONFLICT (guild_id, user_id, kind) DO UPDATE SET next_at = excluded.next_at WHERE economy_cooldowns.next_at <= now() RETURNING next_at`);
    if (claimed.length === 0) {
      const [row] = await rows(tx, sql`SELECT next_at FROM economy_cooldowns WHERE guild_id = ${guildId} AND user_id = ${c.userId} AND kind = ${c.kind}`);
      const at = new Date(row!.next_at as string);
      throw new EconomyError('OnCooldown', `You can use /${c.kind} again <t:${Math.ceil(at.getTime() / 1000)}:R>.`, { retryAt: at.toISOString() });
    }
  }
  const delta = new Map<string, number>();
  for (const e of m.entries) delta.set(e.account, (delta.get(e.account) ?? 0) + e.amount);
  const accounts = [...delta.keys()].sort();
  await tx.execute(sql`INSERT INTO economy_balances (guild_id, account, balance) VALUES ${list(accounts.map((a) => sql`(${guildId}, ${a}, 0)`))} ON CONFLICT DO NOTHING`);
  const locked = await rows(tx, sql`SELECT account, balance FROM economy_balances WHERE guild_id = ${guildId} AND account IN (${list(accounts.map((a) => sql`${a}`))}) ORDER BY account FOR UPDATE`);
  const balances: Record<string, number> = {};
  for (const r of locked) {
    const account = r.account as string;
    const now = Number(r.balance);
    const next = now + delta.get(account)!;
    if (next < 0 && !isSystem(account)) throw new EconomyError('InsufficientFunds', `Not enough money: the balance is ${now.toLocaleString('en-US')}`, { account, balance: now, needed: -delta.get(account)! });
    balances[account] = next;
  }
  await tx.execute(sql`UPDATE economy_balances AS b SET balance = b.balance + d.delta FROM (VALUES ${list(accounts.map((a) => sql`(${a}::text, ${delta.get(a)!}::bigint)`))}) AS d(account, delta)
    WHERE b.guild_id = ${guildId} AND b.account = d.account`);
  const [txRow] = await rows(tx, sql`INSERT INTO economy_transactions (guild_id, kind, actor_id, memo) VALUES (${guildId}, ${m.kind}, ${m.actorId}, ${m.memo ?? null}) RETURNING id`);
  const txId = Number(txRow!.id);
  await tx.execute(sql`INSERT INTO economy_entries (tx_id, guild_id, account, amount) VALUES ${list(m.entries.map((e) => sql`(${txId}, ${guildId}, ${e.account}, ${e.amount})`))}`);
  return { txId, balances };
}
