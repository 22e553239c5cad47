/**
 * CPU time per interaction, in-process (issue 4): a signed PING, a slash command (`/ping`, and
 * `/help` as the heaviest core command), and a button (`/help`'s next page), each sent
 * ≥1,000 times through the real Worker app via `app.request()` with a fake hub and a fake
 * Redis (the Upstash rate-limit client still runs), and the same payloads through a minimal
 * baseline handler (`verifyKey` with a cached key + `JSON.parse` + a JSON reply).
 *
 * How it is measured: requests run one at a time; for each, `process.cpuUsage()` before and
 * after (user + system µs of the whole process, so the libuv thread that runs WebCrypto's
 * Ed25519 verify is counted too). Signing is done beforehand (it is Discord's cost, not ours).
 * Medians and p99s over 3,000 measured requests each, after warming every path 1,000 times
 * (a Worker isolate is warm too; V8's background compiler threads count in `cpuUsage`). The
 * same samples also give the p99 over requests no V8 garbage collection overlapped
 * (`…p99_cpu_ms_no_gc`, with the share that did overlap), and wall time from `performance.now()`
 * (`…_wall_ms`, which this shared 2-core host inflates when other work runs).
 */
import type { Redis } from '@upstash/redis/cloudflare';
import { verifyKey } from 'discord-interactions';
import { createApp } from '../workers/src/app';
import { StaticGuildConfigReader } from '../workers/src/interactions/GuildConfigReader';
import { UpstashRateLimiter } from '../workers/src/interactions/InteractionRateLimiter';
import { RecordingJobQueue, RecordingWebhook } from '../workers/src/interactions/testing/fakes';
import { buttonPayload, pingPayload, slashPayload } from '../workers/src/interactions/testing/payloads';
import { createTestKeyPair } from '../workers/src/interactions/testing/testKeyPair';
import { testEnv } from '../workers/src/interactions/testing/testEnv';
import { importPublicKey } from '../workers/src/interactions/verifyDiscordRequest';
import type { Figure } from './run';

const RUNS = 3_000;
const WARMUP = 1_000;
const GUILD = '200000000000000001';

/** A Redis whose sliding-window script always answers "allowed" at once. */
const instantRedis = new Proxy({}, { get: (_t, p) => (p === 'evalsha' || p === 'eval' ? async () => [4, 5] : undefined) }) as unknown as Redis;

/** One measured request: CPU of the process and wall time, with its window on the `performance` clock. */
interface Sample {
  cpu: number;
  wall: number;
  start: number;
  end: number;
}

const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * q) - 1))]!;
};

type Send = (init: RequestInit) => Response | Promise<Response>;

async function sample(send: Send, init: RequestInit): Promise<Sample> {
  const start = performance.now();
  const before = process.cpuUsage();
  const res = await send(init);
  await res.text();
  const used = process.cpuUsage(before);
  const end = performance.now();
  if (res.status !== 200) throw new Error(`bench request answered ${res.status}`);
  return { cpu: (used.user + used.system) / 1000, wall: end - start, start, end };
}

/**
 * Garbage collections seen while measuring (V8 reports them asynchronously, with their time
 * window), so each sample can be told whether a collection overlapped it.
 */
function watchGc() {
  const windows: Array<[number, number]> = [];
  const obs = new PerformanceObserver((list: { getEntries(): { startTime: number; duration: number }[] }) => {
    for (const e of list.getEntries()) windows.push([e.startTime, e.startTime + e.duration]);
  });
  obs.observe({ entryTypes: ['gc'] });
  return {
    hit: (s: Sample) => windows.some(([a, b]) => a < s.end && b > s.start),
    stop: async () => {
      // Let the observer deliver the last entries before reading them.
      await new Promise((r) => setTimeout(r, 50));
      obs.disconnect();
    },
  };
}

/** Median and p99 of CPU (all samples and those no GC overlapped) and of wall time. */
function summarize(samples: Sample[], gcHit: (s: Sample) => boolean) {
  const cpu = samples.map((s) => s.cpu);
  const clean = samples.filter((s) => !gcHit(s)).map((s) => s.cpu);
  return {
    median: quantile(cpu, 0.5),
    p99: quantile(cpu, 0.99),
    p99NoGc: quantile(clean, 0.99),
    gcShare: 1 - clean.length / samples.length,
    wallMedian: quantile(samples.map((s) => s.wall), 0.5),
    wallP99: quantile(samples.map((s) => s.wall), 0.99),
  };
}

/**
 * Alternates our handler and the baseline request by request, so both see the same machine
 * (this host is shared: a burst of someone else's work must not land on one side only).
 */
async function measure(inits: RequestInit[], ours: Send, baseline: Send) {
  const a: Sample[] = [];
  const b: Sample[] = [];
  const gc = watchGc();
  for (const init of inits) {
    a.push(await sample(ours, init));
    b.push(await sample(baseline, init));
  }
  await gc.stop();
  return { ours: summarize(a, gc.hit), base: summarize(b, gc.hit) };
}

/** Runs the bench and returns its figures (names as in bench/results.json). */
export async function runInteractionsBench(): Promise<Record<string, Figure>> {
  const keys = await createTestKeyPair();
  const env = testEnv(keys.publicKeyHex);
  const app = createApp({
    log: () => {},
    interactions: {
      overrides: {
        guilds: new StaticGuildConfigReader({ [GUILD]: { plan: 'free', modules: {} } }),
        rateLimiter: new UpstashRateLimiter(instantRedis),
        webhook: new RecordingWebhook(),
        jobs: new RecordingJobQueue(),
      },
    },
  });
  const exec = { waitUntil() {}, passThroughOnException() {}, props: {} };
  const send = (init: RequestInit) => app.request('/interactions', init, env, exec as never);

  // The button's custom_id comes from a real /help answer, as a member would press it.
  const helpInit = await keys.signedInit(slashPayload('help', [], { guildId: GUILD }));
  const help = (await (await send(helpInit)).json()) as { data: { components: Array<{ components: Array<{ custom_id: string }> }> } };
  const nextId = help.data.components[0]!.components[1]!.custom_id;

  const n = RUNS;
  const make = (payload: () => unknown) => Promise.all(Array.from({ length: n }, () => keys.signedInit(payload())));
  const payloads = {
    ping: await make(pingPayload),
    slash: await make(() => slashPayload('ping', [], { guildId: GUILD })),
    slash_help: await make(() => slashPayload('help', [], { guildId: GUILD })),
    button: await make(() => buttonPayload(nextId, { guildId: GUILD })),
  };

  const key = await importPublicKey(keys.publicKeyHex);
  const baseline = async (init: RequestInit) => {
    const req = new Request('http://bench/interactions', init);
    const body = new Uint8Array(await req.arrayBuffer());
    const ok = await verifyKey(body, req.headers.get('x-signature-ed25519')!, req.headers.get('x-signature-timestamp')!, key);
    if (!ok) return new Response('bad', { status: 401 });
    const i = JSON.parse(new TextDecoder().decode(body)) as { type: number };
    return Response.json(i.type === 1 ? { type: 1 } : { type: 4, data: { content: 'ok', flags: 64 } });
  };

  // Warm every path before measuring any: V8's optimizing compiler runs on background threads
  // whose CPU `process.cpuUsage()` counts, and it must not land on whichever kind runs first.
  for (let i = 0; i < WARMUP; i++) {
    for (const inits of Object.values(payloads)) {
      await (await send(inits[i]!)).text();
      await (await baseline(inits[i]!)).text();
    }
  }

  const out: Record<string, Figure> = {};
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const fig = (value: number, base: number, unit = 'ms'): Figure => ({ value: round(value), unit, baseline: round(base), ratio: round(value / base) });
  for (const [name, inits] of Object.entries(payloads)) {
    const { ours, base } = await measure(inits, send, baseline);
    out[`interaction.${name}.median_cpu_ms`] = fig(ours.median, base.median);
    out[`interaction.${name}.p99_cpu_ms`] = fig(ours.p99, base.p99);
    // The same p99 over the requests no garbage collection overlapped (GC is real cost, but
    // V8 runs it when the heap says so, not because of this request).
    out[`interaction.${name}.p99_cpu_ms_no_gc`] = fig(ours.p99NoGc, base.p99NoGc);
    out[`interaction.${name}.gc_overlap_share`] = { value: round(ours.gcShare), unit: 'share of requests', baseline: round(base.gcShare) };
    out[`interaction.${name}.median_wall_ms`] = fig(ours.wallMedian, base.wallMedian);
    out[`interaction.${name}.p99_wall_ms`] = fig(ours.wallP99, base.wallP99);
    if (name === 'slash') {
      out['interaction.slash.ratio_to_baseline'] = { value: round(ours.median / base.median), unit: 'x (median CPU)', baseline: round(base.median) };
    }
  }
  return out;
}
