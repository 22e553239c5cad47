import type { Env } from '../env';
import type { DayUsageSummary } from './DayUsage';
import { countUsage, restoreUsage, takeUsage, type UsageDelta } from './usage';

/**
 * The `Meter` object's RPC surface as the Worker calls it (declared here, not taken from the
 * class, so code that only reads route types, the dashboard, never loads the Durable Object).
 */
export interface MeterRpc {
  add(delta: UsageDelta, now?: number): Promise<void>;
  today(delta?: UsageDelta, now?: number): Promise<DayUsageSummary>;
}

/** The instance's meter object (named `instance`), or undefined where the binding is absent (test Workers without it). */
export function meter(env: Pick<Env, 'METER'>): MeterRpc | undefined {
  return env?.METER ? (env.METER.get(env.METER.idFromName('instance')) as unknown as MeterRpc) : undefined;
}

/**
 * Sends this isolate's counts to the `Meter` object in `waitUntil`, at most every 5 minutes
 * (`takeUsage` decides), so counting costs no Durable Object request on most requests. A
 * failed send puts the counts back for the next one.
 */
export function flushUsage(env: Pick<Env, 'METER'>, waitUntil: (p: Promise<unknown>) => void, now = Date.now()): void {
  if (!env?.METER) return;
  const delta = takeUsage(now);
  const stub = delta && meter(env);
  if (!delta || !stub) return;
  countUsage('doRequests');
  waitUntil(stub.add(delta).catch(() => restoreUsage(delta)));
}
