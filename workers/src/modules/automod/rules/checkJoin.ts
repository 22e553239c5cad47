import type { AutomodConfig } from '../config';
import { snowflakeMs } from './checkMessage';

/** The fields of a join our rules read. */
export interface JoinFacts {
  userId: string;
  avatar: string | null;
  bot: boolean;
  /** When they joined (ms). */
  at: number;
}

/** A join rule that fired. */
export interface JoinHit {
  rule: 'newAccount' | 'noAvatar';
  action: 'log' | 'timeout' | 'kick' | 'ban';
  timeoutSeconds: number;
  reason: string;
}

const RANK = { ban: 3, kick: 2, timeout: 1, log: 0 } as const;

/** Our join rules on one join: the strongest that fired, or null. Bots are never checked. */
export function checkJoin(c: AutomodConfig, j: JoinFacts): JoinHit | null {
  if (j.bot) return null;
  const hits: JoinHit[] = [];
  const { newAccount, noAvatar } = c.joins;
  const ageDays = (j.at - snowflakeMs(j.userId)) / 86_400_000;
  if (newAccount.enabled && ageDays < newAccount.days) hits.push({ rule: 'newAccount', action: newAccount.action, timeoutSeconds: newAccount.timeoutSeconds, reason: `Account made ${ageDays < 1 ? 'less than a day' : `${Math.floor(ageDays)} days`} ago` });
  if (noAvatar.enabled && !j.avatar) hits.push({ rule: 'noAvatar', action: noAvatar.action, timeoutSeconds: noAvatar.timeoutSeconds, reason: 'No avatar' });
  return hits.reduce<JoinHit | null>((best, h) => (!best || RANK[h.action] > RANK[best.action] ? h : best), null);
}
