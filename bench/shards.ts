/**
 * Coordinated shards bench (`npx tsx bench/run.ts --only shards`):
 * - `shards.failover_s`: two coordinated shard processes (`SHARD_MODE=coordinated`, the CLI as
 *   child processes) share 4 shards over 200 simulated guilds, under a steady 60 actions/s;
 *   one is killed with SIGKILL. Time from the kill to the first message of a moved shard's guild
 *   stored in Postgres (through the other process, the real `/ingest` in workerd and the
 *   EventInbox). The ShardCoordinator's lease is the production default (15 s), which dominates.
 * - `shards.resumed_s`: kill → the first moved session resumed on the simulator; `shards.replayed_events`:
 *   what Discord (the simulator) replayed to the new owner.
 * - `shards.lost_events`: scenario messages, reactions, joins, leaves and voice updates missing
 *   from Postgres once delivery settles (0 expected), and `shards.duplicated_effects`: events a
 *   hub received twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { makeTestVars, startLocalStack, startTestWorker } from '@edge/dev/testing';
import { startGatewayHarness } from '@edge/simulator/gateway/testing';
import { Scenario, populateGuilds, type ScenarioEvent } from '@edge/simulator/scenario';
import { spawnShard, type ShardProcess } from '../gateway-shard/test/spawnShard';
import type { Figure } from './run';

const SHARDS = 4;
const LEASE_MS = 15_000;
/** Actions per second: well under what one process, workerd and PGlite deliver on the shared 2-core box, so the figure is the failover, not a backlog. */
const RATE = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Runs the suite; see the file's comment. */
export async function runShardsBench(): Promise<Record<string, Figure>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-shards-'));
  const stack = await startLocalStack();
  const vars = makeTestVars(stack, { SHARD_LEASE_MS: String(LEASE_MS) });
  const procs: ShardProcess[] = [];
  const [worker, sim] = await Promise.all([
    startTestWorker({ vars, entrypoint: fileURLToPath(new URL('../gateway-shard/test/fixtures/ingestWorker.ts', import.meta.url)) }),
    startGatewayHarness({ appFlags: (1 << 12) | (1 << 14) | (1 << 18), members: 20, gateway: { replayBufferSize: 200_000, maxConcurrency: 2 } }),
  ]);
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  try {
    populateGuilds(sim.state, { guilds: 200, membersPerGuild: 20, botUserId: sim.app.botUserId });
    await db.connect();
    const start = async (name: string) => {
      const p = await spawnShard({
        DISCORD_BOT_TOKEN: sim.app.botToken, DISCORD_API_BASE: sim.api, WORKER_URL: worker.url, SHARD_SECRET: vars.SHARD_SECRET!,
        SHARD_SPOOL_PATH: join(dir, `${name}.sqlite`), SHARD_MODE: 'coordinated', SHARD_PROCESS_ID: name, SHARD_COUNT: String(SHARDS),
        SHARD_CONFIG_LINK: '0', SHARD_BATCH_MAX_WAIT_MS: '500',
      });
      procs.push(p);
      return p;
    };
    const assigned = async (p: ShardProcess) => {
      const h = (await p.health()) as unknown as { status: string; fleet: { assigned: number[] | null } };
      return h.status === 'ok' && h.fleet.assigned?.length ? h.fleet.assigned : null;
    };
    const a = await start('bench-a');
    const b = await start('bench-b');
    await until('two processes sharing the shards', async () => (await assigned(a))?.length === 2 && (await assigned(b))?.length === 2);
    const moved = new Set((await assigned(a))!);
    const scenario = new Scenario(sim.state, { seed: 20, record: true });
    const afterKill: ScenarioEvent[] = [];
    let killedAt = 0;
    scenario.on('event', (e) => {
      if (killedAt && e.type === 'message' && moved.has(Number(BigInt(e.guildId) >> 22n) % SHARDS)) afterKill.push(e);
    });
    scenario.start(RATE);
    await until('events flowing', async () => (await db.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n > 500, 60_000);
    const replayedBefore = sim.gateway.counters.replayed;
    let resumedAt = 0;
    sim.gateway.events.on('resume', () => (resumedAt ||= killedAt ? Date.now() : 0));
    killedAt = Date.now();
    await a.kill9();
    procs.splice(procs.indexOf(a), 1);
    const firstAt = await until('a moved shard delivering', async () => {
      const ids = afterKill.map((e) => `MESSAGE_CREATE:${e.messageId}`);
      if (!ids.length) return null;
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from events where event_id = any($1)', [ids]);
      return rows[0]!.n > 0 ? Date.now() : null;
    });
    await until('the other process holding every shard', async () => (await assigned(b))?.length === SHARDS);
    await sleep(3_000);
    scenario.stop();
    const events = scenario.events;
    const tally = (t: string) => events.filter((e) => e.type === t).length;
    const expected: Record<string, number> = {
      MESSAGE_CREATE: tally('message'), MESSAGE_REACTION_ADD: tally('reaction'), GUILD_MEMBER_ADD: tally('join'),
      GUILD_MEMBER_REMOVE: tally('leave'), VOICE_STATE_UPDATE: tally('voiceJoin') + tally('voiceMove') + tally('voiceLeave'),
    };
    const counts = async () => {
      const { rows } = await db.query<{ type: string; n: number }>('select type, count(*)::int as n from events group by type');
      return Object.fromEntries(rows.map((r) => [r.type, r.n])) as Record<string, number>;
    };
    const lost = async () => {
      const c = await counts();
      return Object.entries(expected).reduce((n, [t, want]) => n + Math.max(0, want - (c[t] ?? 0)), 0);
    };
    await until('delivery settled', async () => (await lost()) === 0, 180_000, 500).catch(() => {});
    const twiceRows = (await db.query<{ type: string; event_id: string; attempts: number }>('select type, event_id, attempts from events where attempts > 0')).rows;
    if (twiceRows.length) process.stderr.write(`delivered twice: ${JSON.stringify(twiceRows.slice(0, 10))}\n`);
    const twice = twiceRows.length;
    return {
      'shards.failover_s': { value: Math.round((firstAt - killedAt) / 100) / 10, unit: 's' },
      'shards.lease_s': { value: LEASE_MS / 1_000, unit: 's' },
      'shards.resumed_s': { value: Math.round((resumedAt - killedAt) / 100) / 10, unit: 's' },
      'shards.replayed_events': { value: sim.gateway.counters.replayed - replayedBefore, unit: 'events' },
      'shards.lost_events': { value: await lost(), unit: 'events' },
      'shards.duplicated_effects': { value: twice, unit: 'events' },
      'shards.events': { value: events.length, unit: 'events' },
    };
  } finally {
    for (const p of procs) await p.kill9().catch(() => {});
    await db.end().catch(() => {});
    await worker.stop();
    await sim.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
