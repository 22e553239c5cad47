import type { Redis } from '@upstash/redis/cloudflare';
import { TTL } from './cookies';

const userKey = (id: string) => `auth:revoked:user:${id}`;
const familyKey = (id: string) => `auth:revoked:fam:${id}`;

/**
 * Access JWTs live 15 minutes and are not looked up in the database. When sessions are
 * revoked (logout, refresh-token reuse) the revocation time is kept in Redis for one access
 * lifetime, and every access token issued before it is refused.
 */
export const revocations = {
  async revokeUser(redis: Redis, userId: string): Promise<void> {
    await redis.set(userKey(userId), Date.now(), { ex: TTL.access + 60 });
  },

  /**
   * A revoked family never comes back (its refresh tokens are dead in Postgres), so every access
   * token of it is refused, including one signed a moment after the revocation by the winner of
   * a refresh race.
   */
  async revokeFamily(redis: Redis, familyId: string): Promise<void> {
    await redis.set(familyKey(familyId), Date.now(), { ex: TTL.access + 60 });
  },

  /** True when a token issued at `issuedMs` (milliseconds) belongs to a revoked family, or to a user logged out after it was issued. */
  async isRevoked(redis: Redis, userId: string, familyId: string, issuedMs: number): Promise<boolean> {
    const [u, f] = await redis.mget<(number | null)[]>(userKey(userId), familyKey(familyId));
    return f != null || (u != null && issuedMs <= Number(u));
  },

  /** Marks an OAuth state id as consumed; false when it already was (replay). */
  async consumeState(redis: Redis, jti: string): Promise<boolean> {
    const ok = await redis.set(`auth:state:${jti}`, 1, { nx: true, ex: TTL.oauthState + 60 });
    return ok === 'OK';
  },
};
