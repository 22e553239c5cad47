import { moduleEffects } from '@edge/drizzle/schema';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../lib/db';

/**
 * Claim-before-act idempotency for side effects: the `(event_id, effect_key)` row is inserted
 * first; only the caller whose insert won runs the effect. A throw deletes the claim so a retry
 * can run it; a crash between send and mark leaves the claim, so an effect happens at most once.
 */
export async function runOnce(db: Db, eventId: string, key: string, effect: () => Promise<void>): Promise<boolean> {
  const won = await db.insert(moduleEffects).values({ eventId, effectKey: key }).onConflictDoNothing().returning({ eventId: moduleEffects.eventId });
  if (won.length === 0) return false;
  try {
    await effect();
    return true;
  } catch (err) {
    await db.delete(moduleEffects).where(and(eq(moduleEffects.eventId, eventId), eq(moduleEffects.effectKey, key))).catch(() => {});
    throw err;
  }
}
