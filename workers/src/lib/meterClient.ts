import type { Meter } from '../durable/Meter';
import type { Env } from '../env';
import { countUsage, restoreUsage, takeUsage } from './usage';

/** The instance's meter object (named `instance`), or undefined where the binding is absent (test Workers without it). */
export function meter(env: Pick<Env, 'METER'>): DurableObjectStub<Meter> | undefined {
  return env?.METER ? (env.METER.get(env.METER.idFromName('instance')) as DurableObjectStub<Meter>) : undefined;
}

/**
 * Sends this isolate's counts to the `Meter` object in `waitUntil`, at most once a minute
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
