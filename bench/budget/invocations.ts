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

const doRequests = async (m: Meters): Promise<number> => {
  const body = (await (await fetch(`${m.workerUrl}/health/usage`)).json()) as { doRequests?: number };
  return body.doRequests ?? 0;
};

const idle = (m: Meters) => async () => [m.discord, m.redis, m.postgres, m.qstash].every((p) => p.counts.open === 0);

/** Runs `act` as one invocation and returns its cost; `emptyMs` (the empty Worker's cost) is taken off. */
export async function sample(m: Meters, kind: string, emptyMs: number, act: () => Promise<unknown>): Promise<Sample> {
  const snap = () => ({
    discord: m.discord.counts.requests, redisRequests: m.redis.counts.requests, redisCommands: m.redis.counts.commands,
    neonConnections: m.postgres.counts.requests, neonStatements: m.postgres.counts.commands, qstash: m.qstash.counts.requests,
  });
  const do0 = await doRequests(m);
  const before = snap();
  const t0 = performance.now();
  const cpu = await measure(m.pid, act, { idleNsPerMs: m.idleNsPerMs, done: idle(m) });
  const wallMs = performance.now() - t0;
  const after = snap();
  const d = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]])) as typeof before;
  const dos = (await doRequests(m)) - do0;
  return {
    kind, cpuMs: Math.max(0, cpu - emptyMs), wallMs, ...d, doRequests: dos,
    subrequests: d.discord + d.redisRequests + d.neonConnections + d.qstash + dos,
  };
}

/** The q-quantile (0–1) of a non-empty list. */
export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * q) - 1))]!;
};
