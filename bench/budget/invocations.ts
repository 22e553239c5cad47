/**
 * One measured invocation of the real Worker: CPU from the workerd process's counters (see
 * cpuMeter), subrequests from the counting proxies and the Worker's own Durable Object
 * request counter (`GET /health/usage`, read outside the measured window).
 */
import type { CountingProxy } from './countingProxies';
import { measure } from './cpuMeter';

/** What one invocation cost. */
export interface Sample {
  kind: string;
  cpuMs: number;
  wallMs: number;
  discord: number;
  redisRequests: number;
  redisCommands: number;
  neonConnections: number;
  neonStatements: number;
  qstash: number;
  doRequests: number;
  /** EventInbox alarm runs and hub deliveries in the window (both counted in `doRequests` too). */
  inboxAlarms: number;
  hubDeliveries: number;
  /** Durable Object SQLite rows written (as the runtime reports them, index entries included). */
  doRowsWritten: number;
  /** Of those, the EventInbox's (shared by every guild of the deployment). */
  inboxRowsWritten: number;
  /** Hub claim rows created (each deleted after its 30-day TTL: a row written again then). */
  claimsWritten: number;
  /** Durable Object SQLite rows read (as the runtime reports them). */
  doRowsRead: number;
  subrequests: number;
}

/** The services counted around each invocation. */
export interface Meters {
  pid: number;
  idleNsPerMs: number;
  workerUrl: string;
  discord: CountingProxy;
  redis: CountingProxy;
  postgres: CountingProxy;
  qstash: CountingProxy;
}

type Usage = { doRequests: number; inboxAlarms: number; hubDeliveries: number; doRowsWritten: number; inboxRowsWritten: number; claimsWritten: number; doRowsRead: number };
const usage = async (m: Meters): Promise<Usage> => {
  const body = (await (await fetch(`${m.workerUrl}/health/usage`)).json()) as Partial<Usage>;
  return { doRequests: body.doRequests ?? 0, inboxAlarms: body.inboxAlarms ?? 0, hubDeliveries: body.hubDeliveries ?? 0, doRowsWritten: body.doRowsWritten ?? 0, inboxRowsWritten: body.inboxRowsWritten ?? 0, claimsWritten: body.claimsWritten ?? 0, doRowsRead: body.doRowsRead ?? 0 };
};

const idle = (m: Meters) => async () => [m.discord, m.redis, m.postgres, m.qstash].every((p) => p.counts.open === 0);

/**
 * Runs `act` and returns what the invocations it sets off cost; `emptyMs` (the empty Worker's
 * cost) is taken off. `subrequests` is per invocation: for a window of EventInbox deliveries
 * (an inbox run calling guild hubs: right after a store, or its alarm), the larger of the inbox
 * run's hub calls (all of the window's, or per alarm when alarms ran) and a hub
 * invocation's service calls (the window's Discord, Redis, Neon and QStash calls divided by
 * the hub deliveries: slices are cut equal, so this is the slices' share, not a sum over them).
 */
export async function sample(m: Meters, kind: string, emptyMs: number, act: () => Promise<unknown>): Promise<Sample> {
  const snap = () => ({
    discord: m.discord.counts.requests, redisRequests: m.redis.counts.requests, redisCommands: m.redis.counts.commands,
    neonConnections: m.postgres.counts.requests, neonStatements: m.postgres.counts.commands, qstash: m.qstash.counts.requests,
  });
  const u0 = await usage(m);
  const before = snap();
  const t0 = performance.now();
  const cpu = await measure(m.pid, act, { idleNsPerMs: m.idleNsPerMs, done: idle(m) });
  const wallMs = performance.now() - t0;
  const after = snap();
  const d = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]])) as typeof before;
  const u1 = await usage(m);
  const dos = u1.doRequests - u0.doRequests;
  const inboxAlarms = u1.inboxAlarms - u0.inboxAlarms;
  const hubDeliveries = u1.hubDeliveries - u0.hubDeliveries;
  const services = d.discord + d.redisRequests + d.neonConnections + d.qstash;
  const subrequests = hubDeliveries > 0
    ? Math.max(Math.ceil(hubDeliveries / Math.max(1, inboxAlarms)), Math.ceil(services / hubDeliveries))
    : services + dos;
  return { kind, cpuMs: Math.max(0, cpu - emptyMs), wallMs, ...d, doRequests: dos, inboxAlarms, hubDeliveries, doRowsWritten: u1.doRowsWritten - u0.doRowsWritten, inboxRowsWritten: u1.inboxRowsWritten - u0.inboxRowsWritten, claimsWritten: u1.claimsWritten - u0.claimsWritten, doRowsRead: u1.doRowsRead - u0.doRowsRead, subrequests };
}

/** The q-quantile (0–1) of a non-empty list. */
export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * q) - 1))]!;
};
