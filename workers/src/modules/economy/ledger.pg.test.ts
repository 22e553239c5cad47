import { randomInt } from 'node:crypto';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db';
import { economyConfigSchema } from './config';
import { SYSTEM, postMovement } from './data/ledger';
import { EconomyError } from './EconomyError';
import type { EconomyServices } from './economyServices';
import { claimDaily, pay } from './operations';

/**
 * The ledger on a real Postgres (TEST_DATABASE_URL), in a database of its own (created and
 * dropped here, so other suites' migrations do not interfere), with a pool of several
 * connections so the movements really run at the same time: two members paying each other at
 * once, a member spending the same money twice at once, a /daily claimed twice at once. After
 * each, no money is created or lost: every transaction's entries sum to zero, every balance
 * equals the sum of its entries, and no member is below zero.
 */
const url = process.env.TEST_DATABASE_URL;
const GUILD = String(200_000_000_000_000_000n + BigInt(randomInt(1, 2 ** 47)));
const [A, B, C, D, E] = ['300000000000000001', '300000000000000002', '300000000000000003', '300000000000000004', '300000000000000005'];

describe.skipIf(!url)('economy ledger on real Postgres', () => {
  const dbName = `econ_test_${process.pid}_${randomInt(1e9)}`;
  let admin: pg.Pool;
  let pool: pg.Pool;
  let db: Db;
  let s: EconomyServices;

  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(url!);
    u.pathname = `/${dbName}`;
    pool = new pg.Pool({ connectionString: u.toString(), max: 12 });
    db = drizzle(pool) as unknown as Db;
    await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_FOLDER });
    s = { db, guildId: GUILD, config: economyConfigSchema.parse({}), rest: undefined as never, log: undefined as never, appConfig: undefined as never, plan: 'free' };
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin?.end();
  });

  const give = (account: string, amount: number) => postMovement(db, GUILD, { kind: 'give', actorId: A, entries: [{ account: SYSTEM.mint, amount: -amount }, { account, amount }] });
  const balance = async (account: string) => Number((await pool.query('SELECT balance FROM economy_balances WHERE guild_id = $1 AND account = $2', [GUILD, account])).rows[0]?.balance ?? 0);
  /** The double-entry invariants over the whole guild. */
  async function books() {
    const q = async (text: string) => (await pool.query(text, [GUILD])).rows;
    const unbalancedTx = await q('SELECT tx_id FROM economy_entries WHERE guild_id = $1 GROUP BY tx_id HAVING sum(amount) <> 0');
    const drift = await q(`SELECT b.account FROM economy_balances b LEFT JOIN (SELECT account, sum(amount) AS s FROM economy_entries WHERE guild_id = $1 GROUP BY account) e ON e.account = b.account
      WHERE b.guild_id = $1 AND b.balance <> coalesce(e.s, 0)`);
    const negative = await q(`SELECT account FROM economy_balances WHERE guild_id = $1 AND account NOT LIKE 'system:%' AND balance < 0`);
    const [total] = await q('SELECT coalesce(sum(balance), 0)::bigint AS t FROM economy_balances WHERE guild_id = $1');
    return { unbalancedTx: unbalancedTx.length, drift: drift.length, negative: negative.length, total: Number(total!.t) };
  }

  it('two members paying each other at the same moment: every payment lands, nothing is created or lost', async () => {
    await give(A, 1_000);
    await give(B, 1_000);
    const runs = await Promise.allSettled([
      ...Array.from({ length: 40 }, () => pay(s, A, { id: B }, 7)),
      ...Array.from({ length: 40 }, () => pay(s, B, { id: A }, 11)),
    ]);
    expect(runs.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await balance(A)).toBe(1_000 - 40 * 7 + 40 * 11);
    expect(await balance(B)).toBe(1_000 + 40 * 7 - 40 * 11);
    expect(await books()).toEqual({ unbalancedTx: 0, drift: 0, negative: 0, total: 0 });
  });

  it('a member spending the same money several times at once: only what the balance covers goes through', async () => {
    await give(C, 100);
    const runs = await Promise.allSettled(Array.from({ length: 10 }, () => pay(s, C, { id: D }, 30)));
    const refused = runs.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(runs.length - refused.length).toBe(3);
    expect(refused.every((r) => r.reason instanceof EconomyError && r.reason.code === 'InsufficientFunds')).toBe(true);
    expect(await balance(C)).toBe(10);
    expect(await balance(D)).toBe(90);
    expect(await books()).toEqual({ unbalancedTx: 0, drift: 0, negative: 0, total: 0 });
  });

  it('/daily claimed five times at once pays once; the others are told when to come back', async () => {
    const runs = await Promise.allSettled(Array.from({ length: 5 }, () => claimDaily(s, E)));
    expect(runs.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = runs.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as EconomyError).code)).toEqual(['OnCooldown', 'OnCooldown', 'OnCooldown', 'OnCooldown']);
    expect((refused[0]!.reason as EconomyError).message).toMatch(/You can use \/daily again <t:\d+:R>/);
    expect(await balance(E)).toBe(100);
  });

  it('a refused payment writes nothing; the check constraint backs the rule up', async () => {
    const before = Number((await pool.query('SELECT count(*) AS n FROM economy_transactions WHERE guild_id = $1', [GUILD])).rows[0].n);
    await expect(pay(s, D, { id: C }, 91)).rejects.toMatchObject({ code: 'InsufficientFunds' });
    await expect(pay(s, D, { id: D }, 1)).rejects.toMatchObject({ code: 'InvalidTarget' });
    await expect(pay(s, D, { id: C }, 0)).rejects.toMatchObject({ code: 'InvalidAmount' });
    expect(Number((await pool.query('SELECT count(*) AS n FROM economy_transactions WHERE guild_id = $1', [GUILD])).rows[0].n)).toBe(before);
    await expect(db.execute(sql`UPDATE economy_balances SET balance = -1 WHERE guild_id = ${GUILD} AND account = ${D}`)).rejects.toThrow();
    expect(await books()).toEqual({ unbalancedTx: 0, drift: 0, negative: 0, total: 0 });
  });
});
