import type { AppEnv } from '../types';
import type { Db } from '../lib/db';
import type { AccessLevel } from '../api/access/levels';

/** The logged-in user as the access token names them. */
export interface SessionUser {
  id: string;
  /** Refresh-token family of the login (logout and reuse detection revoke by family or user). */
  familyId: string;
}

/** Hono environment of `/auth` and `/api`: the app's plus the lazily opened database and the user. */
export interface AuthEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & {
    /** Opens (once per request) the pool closed by {@link requestDb} when the response is done. */
    db: () => Db;
    user: SessionUser;
    /** Set by `requireGuildAccess` on `/api/guilds/:guildId/*`. */
    access: { guildId: string; level: AccessLevel };
  };
}
