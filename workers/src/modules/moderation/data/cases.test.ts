import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../lib/db';
import { requireCase } from '../actions/editCaseReason';
import { moderationConfigSchema } from '../config';
import type { ModerationServices } from '../ModerationServices';
import { cases } from './cases';

let client: PGlite;
let db: Db;
beforeAll(async () => {
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  db = pdb as unknown as Db;
});
afterAll(() => client?.close());

const G1 = '100000000000000001';
const G2 = '100000000000000002';
const warn = (targetId: string, actorId = '300000000000000001') => ({ type: 'warn' as const, actorId, targetId, reason: 'r', source: 'command' as const });

describe('cases', () => {
  it('numbers cases per guild from 1, without gaps or duplicates, each guild on its own', async () => {
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => cases.create(db, G1, warn(`20000000000000000${i % 3}`))));
    expect(made.map((c) => c.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await cases.create(db, G2, warn('200000000000000000'))).number).toBe(1);
  });

  it('filters by member, moderator and type, newest first, pages with before', async () => {
    await cases.create(db, G1, { ...warn('200000000000000009', '300000000000000002'), type: 'kick' });
    expect((await cases.list(db, G1, { targetId: '200000000000000000' })).length).toBe(4);
    expect((await cases.list(db, G1, { actorId: '300000000000000002' })).map((c) => c.type)).toEqual(['kick']);
    expect((await cases.list(db, G1, { type: 'warn', limit: 3 })).map((c) => c.number)).toEqual([12, 11, 10]);
    expect((await cases.list(db, G1, { type: 'warn', before: 10, limit: 2 })).map((c) => c.number)).toEqual([9, 8]);
    expect(await cases.count(db, G1, { targetId: '200000000000000001', type: 'warn', from: new Date(Date.now() - 60_000) })).toBe(4);
  });

  it('hides a case older than the Free plan’s 30 days from viewing, not from undo; Premium sees it', async () => {
    const old = await cases.create(db, G2, warn('200000000000000005'));
    await db.execute(sql`UPDATE moderation_cases SET created_at = now() - interval '40 days' WHERE guild_id = ${G2} AND number = ${old.number}`);
    const m = (plan: 'free' | 'premium') => ({ guildId: G2, db, plan, config: moderationConfigSchema.parse({}) }) as unknown as ModerationServices;
    await expect(requireCase(m('free'), old.number, { view: true })).rejects.toMatchObject({ status: 403, code: 'ModuleLimitExceeded' });
    expect((await requireCase(m('free'), old.number)).number).toBe(old.number);
    expect((await requireCase(m('premium'), old.number, { view: true })).number).toBe(old.number);
    await expect(requireCase(m('free'), 999)).rejects.toMatchObject({ status: 404, code: 'CaseNotFound' });
  });
});
