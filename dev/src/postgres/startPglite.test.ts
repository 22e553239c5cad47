import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPglite, type PgliteService } from './startPglite';

describe('embedded Postgres over the wire protocol', () => {
  let svc: PgliteService;
  const connect = async () => {
    const c = new pg.Client({ connectionString: svc.databaseUrl });
    await c.connect();
    return c;
  };
  beforeAll(async () => {
    svc = await startPglite({ port: 0 });
  });
  afterAll(() => svc?.stop());

  it('answers parameterised queries from many clients at once without mixing them up', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, connect));
    try {
      const wrong = await Promise.all(
        clients.map(async (c, i) => {
          let bad = 0;
          for (let k = 0; k < 20; k++) {
            const { rows } = await c.query(`select $1::int * 1000 + $2::int as v, '${i}' as c${i}`, [i, k]);
            if (rows[0].v !== i * 1000 + k || rows[0][`c${i}`] !== String(i)) bad++;
          }
          return bad;
        }),
      );
      expect(wrong).toEqual(Array(8).fill(0));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('keeps concurrent transactions apart (commit and rollback)', async () => {
    const setup = await connect();
    await setup.query('create table tx_test (id int primary key, who int)');
    await setup.end();
    const clients = await Promise.all(Array.from({ length: 6 }, connect));
    await Promise.all(
      clients.map(async (c, i) => {
        await c.query('begin');
        await c.query('insert into tx_test values ($1, $2)', [i, i]);
        await new Promise((r) => setTimeout(r, 5));
        await c.query(i % 2 ? 'rollback' : 'commit');
      }),
    );
    const { rows } = await clients[0]!.query('select id from tx_test order by id');
    expect(rows.map((r) => r.id)).toEqual([0, 2, 4]);
    await Promise.all(clients.map((c) => c.end()));
  });

  it('rolls back a transaction whose client disconnects, and frees the session', async () => {
    const a = await connect();
    await a.query('create table gone (id int)');
    await a.query('begin');
    await a.query('insert into gone values (1)');
    a.on('error', () => {});
    // b waits for the session a holds, and gets it once a is gone.
    const b = new pg.Client({ connectionString: svc.databaseUrl });
    const waiting = b.connect().then(() => b.query('select count(*)::int as n from gone'));
    await new Promise((r) => setTimeout(r, 50));
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await waiting).rows[0].n).toBe(0);
    await b.end();
  });

  it('reports SQL errors without breaking the connection', async () => {
    const c = await connect();
    await expect(c.query('select * from no_such_table')).rejects.toThrow(/does not exist/);
    expect((await c.query('select 1 as one')).rows[0].one).toBe(1);
    await c.end();
  });
});
