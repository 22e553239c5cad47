import { and, eq, isNull, sql } from 'drizzle-orm';
import { sessions } from '@edge/drizzle/schema';
import { HttpError } from '../errors';
import type { Db } from '../lib/db';
import { TTL } from './cookies';
import { hashToken, randomToken } from './crypto/hashToken';

/** Where a session was opened from (kept for the user's "devices" view; never logged). */
export interface SessionMeta {
  userAgent?: string;
  ip?: string;
}

/** A new refresh token (to hand to the browser once) and its session. */
export interface IssuedSession {
  sessionId: string;
  familyId: string;
  userId: string;
  refreshToken: string;
}

const IP = /^[0-9a-fA-F:.]{2,45}$/;

async function insert(db: Db, userId: string, familyId: string, meta: SessionMeta): Promise<IssuedSession> {
  const refreshToken = randomToken();
  const [row] = await db
    .insert(sessions)
    .values({
      userId,
      familyId,
      refreshTokenHash: await hashToken(refreshToken),
      expiresAt: new Date(Date.now() + TTL.refresh * 1000),
      userAgent: meta.userAgent?.slice(0, 256) ?? null,
      ip: meta.ip && IP.test(meta.ip) ? meta.ip : null,
    })
    .returning({ id: sessions.id });
  return { sessionId: row!.id, familyId, userId, refreshToken };
}

/**
 * Refresh-token sessions (seed 004): opaque tokens stored as SHA-256, rotated on every use,
 * reuse of a spent token revokes the whole family.
 */
export const sessionStore = {
  /** Opens a new family at login. */
  create(db: Db, userId: string, meta: SessionMeta): Promise<IssuedSession> {
    return insert(db, userId, crypto.randomUUID(), meta);
  },

  /**
   * Spends `refreshToken` and issues its successor in the same family. A token already spent
   * (rotated) means it was stolen or replayed: the family is revoked and 401 `RefreshTokenReused`.
   */
  async rotate(db: Db, refreshToken: string, meta: SessionMeta): Promise<IssuedSession> {
    const invalid = () => new HttpError(401, 'Refresh token is not valid; log in again', { code: 'InvalidRefreshToken' });
    const [row] = await db.select().from(sessions).where(eq(sessions.refreshTokenHash, await hashToken(refreshToken)));
    if (!row) throw invalid();
    if (row.revokedAt) {
      if (row.replacedBy) {
        await this.revokeFamily(db, row.familyId);
        throw new HttpError(401, 'Refresh token was already used; every session of this login is revoked', {
          code: 'RefreshTokenReused',
          details: { userId: row.userId, familyId: row.familyId },
        });
      }
      throw invalid();
    }
    if (row.expiresAt.getTime() <= Date.now()) throw invalid();
    const next = await insert(db, row.userId, row.familyId, meta);
    // Conditional update: of two concurrent refreshes with the same token only one wins.
    const spent = await db
      .update(sessions)
      .set({ revokedAt: new Date(), replacedBy: next.sessionId })
      .where(and(eq(sessions.id, row.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (spent.length === 0) {
      // Lost a race with another use of the same token: the winner's successor is in the family
      // too (inserted before its update), so it dies with it, and the caller revokes the
      // family's access tokens (hence the details).
      await this.revokeFamily(db, row.familyId);
      throw new HttpError(401, 'Refresh token was already used; every session of this login is revoked', {
        code: 'RefreshTokenReused',
        details: { userId: row.userId, familyId: row.familyId },
      });
    }
    return next;
  },

  /** Revokes every live session of one login (reuse detection). */
  async revokeFamily(db: Db, familyId: string): Promise<void> {
    await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.familyId, familyId), isNull(sessions.revokedAt)));
  },

  /** Revokes every live session of a user (logout = all devices). */
  async revokeUser(db: Db, userId: string): Promise<void> {
    await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  },

  /** The user a refresh token belongs to, whatever its state (logout by refresh cookie). */
  async ownerOf(db: Db, refreshToken: string): Promise<string | undefined> {
    const [row] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.refreshTokenHash, await hashToken(refreshToken)));
    return row?.userId;
  },
};
