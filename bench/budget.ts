/**
 * Budget bench (issue 11): the REAL Worker in workerd with the local stack and the Discord
 * simulator, replaying a compressed day of one active 10k-member server, measured against the
 * free tiers. CPU per invocation comes from the workerd process's own counters (an empty
 * Worker's cost, measured the same way in the same run, is taken off: it is what local
 * workerd and wrangler's proxy add). Subrequests and per-day use are counted at the services.
 * A stride sample of the day's ingest batches (every raid batch included) is replayed; daily
 * figures scale the sample to the whole day. Environment: BUDGET_SAMPLES (default 120),
 * BUDGET_SCALE (share of the day's actions generated, default 1).
 */
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLocalStack, startTestWorker, makeTestVars, freePort, type FullSystem } from '@edge/dev/testing';
import { simulatorVars } from '../dev/src/lib/simulatorVars';
import { startPglite } from '@edge/dev';
import { startSimulator } from '@edge/simulator';
import { eventNeedsForGuild, fieldsFor } from '../workers/src/ingest/eventNeeds';
import { registry } from '../workers/src/platform/registry';
import { loginDashboard } from '../workers/src/platform/testing/dashboardSession';
import { countingHttp, countingPostgres } from './budget/countingProxies';
import { idleRate, spawnedWorkerd } from './budget/cpuMeter';
import { buildDay } from './budget/dayTraffic';
import { dayFigures } from './budget/dayFigures';
import { sample, type Meters, type Sample } from './budget/invocations';
import { statsFlushDay } from './budget/statsFlushDay';
import { levelingDay } from './budget/levelingDay';
import { dashboardPaths, interactionsToRun } from './budget/workload';
import { MODERATION_DAILY, moderationExtras } from './budget/moderationDay';
import { applyPreset } from '../workers/src/modules/automod/presets';
import type { Figure } from './run';

const SECRET = 'bench-shard-secret-0123456789';
/**
 * The EventInbox waits this long before delivering a batch (INBOX_DELIVERY_DELAY_MS), so the
 * ack (Worker + the inbox's store) and the delivery (the inbox's alarm + the hub RPCs) are
 * measured as separate windows: they are separate invocations, each with its own limits.
 */
const DELIVERY_DELAY_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Options of {@link runBudgetBench}. */
export interface BudgetOptions {
  /**
   * `moderation`: the moderation-heavy day (`budget/moderationDay.ts`): Moderation and Logging on
   * too, edits, deletions, outside bans and timeouts, a 1,000-deletion burst, and warn/timeout/ban
   * commands; figures `budget.moderation.*`.
   * `automod`: the same active day with Moderation and Automod on (standard preset: native rules
   * in the simulator, our message rules on every message's content); figures `budget.automod.*`.
   */
  variant?: 'moderation' | 'automod';
}

/** Runs the budget bench; figures `budget.*` (the moderation day: `budget.moderation.*`). */
export async function runBudgetBench(options: BudgetOptions = {}): Promise<Record<string, Figure>> {
  const moderation = options.variant === 'moderation';
  const automod = options.variant === 'automod';
  const samplesWanted = Number(process.env.BUDGET_SAMPLES ?? 120);
  const scale = Number(process.env.BUDGET_SCALE ?? 1);
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const pg = await startPglite({ port: 0 });
    stops.push(() => pg.stop());
    const postgres = await countingPostgres({ host: '127.0.0.1', port: Number(new URL(pg.databaseUrl).port) });
    stops.push(() => postgres.stop());
    const stack = await startLocalStack({ databaseUrl: `postgres://postgres@${postgres.url}/postgres` });
    stops.push(() => stack.stop());
    const sim = await startSimulator({ port: 0, seed: 7, members: 10_000, oauthAutoApprove: false });
    stops.push(() => sim.stop());
    const [discord, redis, qstash] = await Promise.all([countingHttp(sim.url), countingHttp(stack.redisRestUrl), countingHttp(stack.qstash.url)]);
    stops.push(() => discord.stop(), () => redis.stop(), () => qstash.stop());
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    const vars = makeTestVars(stack, {
      ...simulatorVars(sim), DISCORD_API_BASE: `${discord.url}/api`, UPSTASH_REDIS_REST_URL: redis.url, QSTASH_URL: qstash.url,
      SHARD_SECRET: SECRET, PUBLIC_URL: publicUrl, WORKER_SELF_URL: `http://127.0.0.1:${port}`, BOT_OWNER_IDS: sim.owner.id,
      INBOX_DELIVERY_DELAY_MS: String(DELIVERY_DELAY_MS),
    });
    const empty = await spawnedWorkerd(() => startTestWorker({ vars, entrypoint: fileURLToPath(new URL('./fixtures/emptyWorker.ts', import.meta.url)) }));
    stops.push(() => empty.value.stop());
    const { value: worker, pid } = await spawnedWorkerd(() => startTestWorker({ vars, port, testScheduled: true }));
    stops.push(() => worker.stop());
    sim.interactions.setEndpoint(`${worker.url}/interactions`);
    const meters: Meters = { pid, idleNsPerMs: await idleRate(pid), workerUrl: worker.url, discord, redis, postgres, qstash };
    const emptyMeters: Meters = { ...meters, pid: empty.pid, idleNsPerMs: await idleRate(empty.pid), workerUrl: empty.value.url };
    const signed = (body: string) => {
      const ts = String(Date.now());
      return { 'content-type': 'application/json', 'x-shard-timestamp': ts, 'x-shard-signature': `v1=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}` };
    };
    const ingest = async (url: string, body: string) => {
      const res = await fetch(`${url}/ingest`, { method: 'POST', body, headers: signed(body) });
      const text = await res.text();
      if (res.status !== 200 && url === worker.url) throw new Error(`ingest answered ${res.status}: ${text.slice(0, 300)}`);
    };
    // The empty Worker: same request shapes (an ingest body, a GET), measured the same way.
    const emptyMs: number[] = [];
    const probeBody = JSON.stringify({ batchId: 'probe', events: [{ id: 'p', type: 'MESSAGE_CREATE', guildId: '1', payload: {} }] });
    for (let i = 0; i < 40; i++) {
      const s = await sample(emptyMeters, 'empty', 0, () => (i % 2 ? ingest(empty.value.url, probeBody) : fetch(`${empty.value.url}/api/x`).then((r) => r.text())));
      if (i >= 10) emptyMs.push(s.cpuMs);
    }
    const emptyCost = [...emptyMs].sort((a, b) => a - b)[Math.floor(emptyMs.length / 2)]!;
    await empty.value.stop();

    // The server joins (GUILD_CREATE through /ingest), the owner logs in and turns Welcome and Stats on.
    const guildId = sim.guildId;
    const g = sim.state.guild(guildId);
    await ingest(worker.url, JSON.stringify({ batchId: 'setup', events: [{ id: 'setup:create', type: 'GUILD_CREATE', guildId, payload: { id: guildId, name: g.name, icon: null, owner_id: g.owner_id, member_count: Object.keys(g.members).length, joined_at: new Date().toISOString() } }] }));
    await sleep(DELIVERY_DELAY_MS + 600);
    const session = await loginDashboard({ publicUrl, worker } as unknown as FullSystem);
    const channel = (name: string) => Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === name)!.id;
    const newcomer = Object.values(g.roles).find((r) => r.name === 'Newcomer')!.id;
    for (const [path, body] of [
      [`/guilds/${guildId}/modules/welcome/enable`, { config: { channelId: channel('welcome'), leave: { enabled: true }, autoroles: [newcomer] } }],
      [`/guilds/${guildId}/modules/stats/enable`, {}],
      [`/guilds/${guildId}/modules/leveling/enable`, {}],
    ] as const) {
      const r = await session.api('POST', path, body);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
    }

    const modules = ['welcome', 'stats', 'leveling'];
    // Members below the Moderator role (neither staff nor bots): the moderators picked and their targets.
    const staff = new Set(Object.values(g.roles).filter((r) => ['Moderator', 'Admin'].includes(r.name) || r.tags?.bot_id).map((r) => r.id));
    const plainMembers = () => Object.keys(g.members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot && !g.members[id]!.roles.some((r) => staff.has(r)));
    // The moderation day: a public log channel for every kind of entry, a mod-log, DMs; 24 moderators for the commands.
    const moderators: string[] = [];
    if (moderation) {
      const logChannel = sim.state.channels.create(guildId, { name: 'server-log', type: 0 }).id;
      const modLog = sim.state.channels.create(guildId, { name: 'bench-mod-log', type: 0 }).id;
      const routes = Object.fromEntries(['messageEdit', 'messageDelete', 'messageBulkDelete', 'memberJoin', 'memberLeave', 'memberUpdate', 'bans', 'roles', 'channels', 'voice'].map((k) => [k, logChannel]));
      for (const [path, body] of [
        [`/guilds/${guildId}/modules/moderation/enable`, { config: { modLogChannelId: modLog, dm: { enabled: true } } }],
        [`/guilds/${guildId}/modules/logging/enable`, { config: { routes } }],
      ] as const) {
        const r = await session.api('POST', path, body);
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
      }
      modules.push('moderation', 'logging');
      const modRole = Object.values(g.roles).find((r) => r.name === 'Moderator')!.id;
      for (const id of plainMembers().slice(0, 24)) {
        sim.state.members.update(guildId, id, { roles: [modRole] });
        moderators.push(id);
      }
    }
    if (automod) {
      const logChannel = sim.state.channels.create(guildId, { name: 'automod-log', type: 0 }).id;
      for (const [path, body] of [
        [`/guilds/${guildId}/modules/moderation/enable`, {}],
        [`/guilds/${guildId}/modules/automod/enable`, { config: { ...applyPreset('standard'), logChannelId: logChannel } }],
      ] as const) {
        const r = await session.api('POST', path, body);
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
      }
      modules.push('moderation', 'automod');
    }
    const extras = moderation ? moderationExtras(sim.state, guildId, channel('general')) : {};
    const day = await buildDay(sim.state, guildId, eventNeedsForGuild(registry, modules), fieldsFor(registry), scale, extras);
    // The delivery window: its usual length, longer only while the hub has not been called yet
    // (a loaded machine): then it waits on that condition, up to 10 s more (the count is read
    // outside the window, so an on-time delivery's CPU has no extra request in it).
    const hubCalls = async () => ((await (await fetch(`${worker.url}/health/usage`)).json()) as { hubDeliveries: number }).hubDeliveries;
    const delivered = async (before: number, ms: number) => {
      await sleep(ms);
      for (let i = 0; i < 100 && (await hubCalls()) === before; i++) await sleep(100);
    };
    const flushSample = async () => {
      samples.push(await sample(meters, 'flush', emptyCost, async () => {
        const r = await session.api('POST', `/guilds/${guildId}/modules/stats/flush`);
        if (r.status !== 200) throw new Error(`flush: ${r.status} ${r.text.slice(0, 200)}`);
      }));
    };
    const raid = day.batches.filter((b) => b.raid || b.purge);
    const rest = day.batches.filter((b) => !b.raid && !b.purge);
    const stride = Math.max(1, Math.floor(rest.length / samplesWanted));
    const chosen = [...raid, ...rest.filter((_, i) => i % stride === 0)].sort((a, b) => a.at - b.at);
    // A live server's hub has taken its first batches long ago: what the first use of each
    // module costs once (Leveling's totals read from Postgres into a new hub, Stats' tables) is
    // paid here, before the measured replay, so it is not scaled to the whole day.
    const warm = rest.find((b) => b.batch.events.some((e) => e.type === 'MESSAGE_CREATE'))!.batch;
    await ingest(worker.url, JSON.stringify({ ...warm, batchId: `${warm.batchId}:warm`, events: warm.events.map((e, i) => ({ ...e, id: `warm:${i}` })) }));
    await sleep(DELIVERY_DELAY_MS + 600);
    const tables0 = await tableBytes(pg);
    const samples: (Sample & { at?: number; events?: number; raid?: boolean })[] = [];
    // The hub's flush, every 3 virtual hours of the replay (the API's flush route runs what the
    // alarm runs; its CPU includes the API's own auth work, so it is an upper bound).
    let nextFlush = 3 * 3_600_000;
    for (const b of chosen) {
      if (b.at >= nextFlush) {
        nextFlush += 3 * 3_600_000;
        await flushSample();
      }
      const body = JSON.stringify(b.batch);
      const calls = await hubCalls();
      const ack = await sample(meters, 'ingest', emptyCost, () => ingest(worker.url, body));
      // The delivery: no request from outside, so no empty-Worker cost to take off.
      // The moderation day's deliveries post to log channels (Discord round trips through the counting proxy): a wider window.
      const delivery = await sample(meters, 'delivery', 0, () => delivered(calls, DELIVERY_DELAY_MS + (moderation ? 5_000 : 100)));
      if (ack.hubDeliveries + delivery.hubDeliveries === 0) throw new Error(`batch ${b.batch.batchId} was not delivered in its window`);
      const tag = { at: b.at, events: b.batch.events.length, raid: b.raid, ...(b.purge && { purge: true }) };
      // On a loaded machine the ack's window (it waits for the services to be idle) may have
      // outlasted the delivery delay: the batch's day cost is whole, its CPU split is not known.
      if (ack.hubDeliveries > 0) samples.push({ ...merge(ack, delivery), ...tag });
      else samples.push({ ...ack, ...tag }, { ...delivery, ...tag }, { ...merge(ack, delivery), ...tag });
    }
    await flushSample();
    await flushSample();
    const tables1 = await tableBytes(pg);
    const sampledTableBytes = Object.fromEntries(Object.entries(tables1).map(([t, n]) => [t, n - (tables0[t] ?? 0)]));
    // The ack path alone: the shard re-sending batches already stored (new signature, same ids).
    for (const b of chosen.filter((x) => !x.raid).slice(0, 60)) {
      const body = JSON.stringify(b.batch);
      samples.push({ ...(await sample(meters, 'ingest_ack', emptyCost, () => ingest(worker.url, body))), events: b.batch.events.length });
    }

    // Steady state for the reads: the replayed day is stamped at its virtual times (older than
    // the hub's 48 h window, so the hub in workerd counts none of it; statsFlushDay counts it
    // exactly), while a live server's hub flushed counts within the hour and so holds a current
    // snapshot. One batch of the day restamped now, delivered and flushed, gives it that.
    const live = rest[0]!.batch;
    await ingest(worker.url, JSON.stringify({ ...live, batchId: `${live.batchId}:live`, events: live.events.map((e, i) => ({ ...e, id: `live:${i}`, receivedAt: Date.now() })) }));
    await sleep(DELIVERY_DELAY_MS + 300);
    const liveFlush = await session.api<{ statements: number }>('POST', `/guilds/${guildId}/modules/stats/flush`);
    if (liveFlush.status !== 200 || liveFlush.body.statements === 0) throw new Error(`live flush: ${liveFlush.status} ${liveFlush.text.slice(0, 200)}`);

    const general = channel('general');
    const members = Object.keys(g.members).filter((id) => id !== sim.application.botUserId);
    let nextMember = 0;
    for (const it of interactionsToRun()) {
      for (let i = 0; i < 8; i++) {
        const input = await it.input(sim, general, members[nextMember++ % members.length]!);
        samples.push(await sample(meters, it.kind, emptyCost, async () => {
          const res = await sim.interactions.send(input);
          if (res.failed) throw new Error(`interaction ${it.name} failed: ${res.reason} ${res.detail ?? ''}`);
        }));
      }
    }
    // The moderation day's commands: each by its own moderator (5 commands / 10 s per member), on a plain member.
    const targets = plainMembers().filter((id) => !moderators.includes(id)).slice(100);
    if (moderation) {
      const runs: [string, (target: string) => Record<string, string>][] = [
        ['warn', (member) => ({ member, reason: 'rude' })],
        ['timeout', (member) => ({ member, duration: '10m', reason: 'heated' })],
        ['ban', (user) => ({ user, reason: 'spam' })],
      ];
      let n = 0;
      for (const [name, options] of runs) {
        for (let i = 0; i < 8; i++, n++) {
          samples.push(await sample(meters, 'modcommand', emptyCost, async () => {
            const res = await sim.interactions.send({ type: 'command', name, userId: moderators[n]!, channelId: general, options: options(targets[n]!) });
            if (res.failed) throw new Error(`/${name} failed: ${res.reason} ${res.detail ?? ''}`);
          }));
        }
      }
    }
    for (let i = 0; i < 4; i++) {
      for (const path of dashboardPaths(guildId)) {
        samples.push(await sample(meters, 'dashboard', emptyCost, async () => {
          const r = await session.api('GET', path);
          if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text.slice(0, 200)}`);
        }));
      }
    }
    for (let i = 0; i < 6; i++) {
      samples.push(await sample(meters, 'alarm', emptyCost, async () => {
        const r = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent(CRON)}`);
        const text = await r.text();
        if (r.status !== 200) throw new Error(`cron trigger answered ${r.status}: ${text.slice(0, 200)}`);
      }));
    }
    // Stats' whole day, exactly, in process: what the hub counts and its aligned flushes write.
    // (After the measured requests: PGlite in process would stall the Worker's local proxy.)
    const statsDay = await statsFlushDay(day, guildId, Number(vars.STATS_FLUSH_MINUTES ?? 60));
    // Leveling's whole day the same way (its default config), compared with the scenario's tally.
    const leveling = await levelingDay(day, guildId, {}, Number(vars.STATS_FLUSH_MINUTES ?? 60));
    if (process.env.BUDGET_DUMP) writeFileSync(process.env.BUDGET_DUMP, JSON.stringify({ samples, sampledTableBytes }, null, 1));
    const figures = dayFigures({
      day, samples, sampledBatches: chosen.length - raid.length, totalBatches: rest.length, sampledTableBytes, emptyCost, stride,
      cronsPerDay: cronsPerDay(CRON), eventRetentionDays: Number(vars.EVENTS_RETENTION_HOURS ?? 24) / 24,
      stats: statsDay, leveling, members: Object.keys(g.members).length,
      // The hourly cron runs at minute 0, the minute the hourly flushes run: if it reaches Neon
      // at all, it is in the same awake window.
      alignedNeonMinutes: samples.some((x) => x.kind === 'alarm' && x.neonConnections > 0) ? cronMinutes(CRON) : [],
      ...(moderation && { extraKinds: [['modcommand', MODERATION_DAILY.warn + MODERATION_DAILY.timeout + MODERATION_DAILY.ban]] as [string, number][] }),
    });
    if (automod) return Object.fromEntries(Object.entries(figures).map(([k, f]) => [k.replace(/^budget\./, 'budget.automod.'), { ...f, unit: `${f.unit} [Automod on, standard preset]` }]));
    if (!moderation) return figures;
    return Object.fromEntries(Object.entries(figures).map(([k, f]) => [k.replace(/^budget\./, 'budget.moderation.'), { ...f, unit: `${f.unit} [moderation-heavy day]` }]));
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

/**
 * Live bytes of each table (the rows' own size, doubled for indexes and page overhead): what
 * Neon keeps once autovacuum has reclaimed updated rows (in-place counters do not grow it).
 */
async function tableBytes(pg: Awaited<ReturnType<typeof startPglite>>): Promise<Record<string, number>> {
  const { rows: tables } = await pg.db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
  const out: Record<string, number> = {};
  for (const { t } of tables) {
    const { rows } = await pg.db.query<{ n: string | null }>(`SELECT sum(pg_column_size(x.*))::text AS n FROM "${t}" x`);
    out[t] = 2 * Number(rows[0]?.n ?? 0);
  }
  return out;
}

/** One batch's whole cost (its ack and its delivery) for the per-day figures: kind `batch`, not an invocation. */
function merge(a: Sample, b: Sample): Sample {
  const out = { ...a, kind: 'batch' } as Sample;
  for (const k of Object.keys(a) as (keyof Sample)[]) if (typeof a[k] === 'number') (out[k] as number) = (a[k] as number) + (b[k] as number);
  // The bench's own wait before the delivery is not time a Durable Object is busy.
  out.wallMs = a.wallMs + Math.max(0, b.wallMs - DELIVERY_DELAY_MS);
  return out;
}

/** The Worker's cron, from wrangler.toml. */
const CRON = /crons\s*=\s*\["([^"]+)"/.exec(readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8'))?.[1] ?? '0 * * * *';

/** Minutes of the day a `M * * * *` cron runs at (empty for other shapes: then counted as spread touches). */
function cronMinutes(cron: string): number[] | undefined {
  const [minute, hour] = cron.split(' ');
  if (hour !== '*' || !/^\d+$/.test(minute ?? '')) return undefined;
  return Array.from({ length: 24 }, (_, h) => h * 60 + Number(minute));
}

/** Runs per day of a `M H * * *` cron whose minute is a number or `*\/N` and hour `*`. */
function cronsPerDay(cron: string): number {
  const [minute, hour] = cron.split(' ');
  const perHour = minute?.startsWith('*/') ? 60 / Number(minute.slice(2)) : minute === '*' ? 60 : 1;
  return hour === '*' ? perHour * 24 : perHour;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runBudgetBench().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => (console.error(err), process.exit(1)));
}
