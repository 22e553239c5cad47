import { eq } from 'drizzle-orm';
import type { APIUser, RESTPostOAuth2AccessTokenResult } from 'discord-api-types/v10';
import { users } from '@edge/drizzle/schema';
import type { Config } from '../env';
import { HttpError } from '../errors';
import type { Db } from '../lib/db';
import { tokenCipher } from './crypto/tokenCipher';
import { discordOAuth } from './discordOAuth';

/** Refresh a little before Discord's expiry so a call in flight does not fail. */
const EARLY_MS = 60_000;

async function sealed(config: Config, grant: RESTPostOAuth2AccessTokenResult) {
  return {
    accessTokenEnc: await tokenCipher.encrypt(config.TOKEN_ENCRYPTION_KEY, grant.access_token),
    refreshTokenEnc: grant.refresh_token ? await tokenCipher.encrypt(config.TOKEN_ENCRYPTION_KEY, grant.refresh_token) : null,
    tokenExpiresAt: new Date(Date.now() + grant.expires_in * 1000),
  };
}

/** A user's Discord OAuth tokens, encrypted at rest (AES-GCM) and refreshed when they expire. */
export const discordTokens = {
  /** Creates or updates the user after login, with their fresh tokens. */
  async upsertUser(db: Db, config: Config, user: APIUser, grant: RESTPostOAuth2AccessTokenResult): Promise<void> {
    const profile = { username: user.username, globalName: user.global_name ?? null, avatar: user.avatar ?? null };
    const tokens = await sealed(config, grant);
    const now = new Date();
    await db
      .insert(users)
      .values({ id: user.id, ...profile, ...tokens, lastLoginAt: now })
      .onConflictDoUpdate({ target: users.id, set: { ...profile, ...tokens, lastLoginAt: now } });
  },

  /**
   * A valid Discord access token for the user: decrypted, or refreshed (and re-stored) when
   * it expires within a minute. No usable token → 401 `DiscordReauthRequired`.
   */
  async accessToken(db: Db, config: Config, userId: string): Promise<string> {
    const [row] = await db
      .select({ at: users.accessTokenEnc, rt: users.refreshTokenEnc, exp: users.tokenExpiresAt })
      .from(users)
      .where(eq(users.id, userId));
    const reauth = () => new HttpError(401, 'Your Discord login expired; log in again', { code: 'DiscordReauthRequired' });
    if (!row?.at) throw reauth();
    const key = config.TOKEN_ENCRYPTION_KEY;
    if (row.exp && row.exp.getTime() - EARLY_MS > Date.now()) {
      return tokenCipher.decrypt(key, row.at).catch(() => Promise.reject(reauth()));
    }
    if (!row.rt) throw reauth();
    const refreshToken = await tokenCipher.decrypt(key, row.rt).catch(() => Promise.reject(reauth()));
    const grant = await discordOAuth.refresh(config, refreshToken);
    await db.update(users).set(await sealed(config, grant)).where(eq(users.id, userId));
    return grant.access_token;
  },
};
