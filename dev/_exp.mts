import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startPglite } from './src/postgres/startPglite';
import { runMigrations } from '@edge/drizzle';
const s = await startPglite({ port: 0 });
await runMigrations(s.databaseUrl);
const run = async (id: string) => {
  const c = new pg.Client({ connectionString: s.databaseUrl }); await c.connect();
  try {
    await c.query('begin');
    await c.query('insert into guilds (id, name) values ($1, $2)', [id + '-a', 'x']);
    await c.query('update guilds set member_count = 42 where id = $1', [id + '-a']);
    await c.query('commit');
    await c.query('begin');
    await c.query('insert into guilds (id, name) values ($1, $2)', [id + '-b', 'x']);
    await c.query('rollback');
    const r = await c.query('select id, member_count from guilds where id in ($1, $2)', [id + '-a', id + '-b']);
    return r.rows.map((x) => x.id).join();
  } catch (e) { return 'ERR ' + (e as Error).message; } finally { await c.end(); }
};
console.log(await Promise.all(Array.from({ length: 6 }, () => run(randomUUID()))));
await s.stop();
