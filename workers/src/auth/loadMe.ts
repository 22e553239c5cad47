import { eq } from 'drizzle-orm';
import { users } from '@edge/drizzle/schema';
import type { Config } from '../env';
import { HttpError } from '../errors';
import type { Db } from '../lib/db';

/** The logged-in user as the dashboard shows them (`GET /api/me`). */
export interface Me {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
  /** Listed in BOT_OWNER_IDS: may change plans. */
  isInstanceOwner: boolean;
}

/** True when the user is one of the instance's owners (BOT_OWNER_IDS). */
export function isInstanceOwner(config: Pick<Config, 'BOT_OWNER_IDS'>, userId: string): boolean {
  return config.BOT_OWNER_IDS.split(',').map((s) => s.trim()).includes(userId);
}

/** Loads {@link Me}; a user deleted since the token was issued → 401. */
export async function loadMe(db: Db, config: Config, userId: string): Promise<Me> {
  const [row] = await db
    .select({ id: users.id, username: users.username, globalName: users.globalName, avatar: users.avatar })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new HttpError(401, 'Unknown user; log in again', { code: 'InvalidToken' });
  return { ...row, isInstanceOwner: isInstanceOwner(config, row.id) };
}
