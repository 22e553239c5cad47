import type { JobHandler } from '../../../jobs/types';
import { unbanUser } from '../actions/unbanUser';
import { scheduleExpiry } from '../actions/scheduleExpiry';
import { EXPIRE_JOB } from '../actions/scheduleExpiry';
import { cases } from '../data/cases';
import { botAuthorityOf, guildFacts } from '../data/guildFacts';
import { moderationServices, type ModerationServices } from '../ModerationServices';

/**
 * Ends a timed case whose time has come. A ban is lifted by the bot (its own permission and
 * hierarchy checked like anyone's) and an unban case recorded; a timeout, which Discord ends
 * itself, is only marked over. Early deliveries (a long ban's weekly hop) reschedule.
 * Idempotent: a case already over is left alone.
 */
export async function expireCase(m: ModerationServices, number: number, now = Date.now()): Promise<'lifted' | 'rescheduled' | 'skipped'> {
  const c = await cases.get(m.db, m.guildId, number);
  if (!c || !c.active || !c.expiresAt) return 'skipped';
  if (Date.parse(c.expiresAt) > now + 1000) {
    await scheduleExpiry(m, c, now);
    return 'rescheduled';
  }
  if (c.type === 'ban') {
    const bot = await botAuthorityOf(m, await guildFacts(m));
    await unbanUser(m, bot, { targetId: c.targetId, reason: `Temporary ban ended (case #${c.number})`, source: 'system' });
  } else {
    await cases.lift(m.db, m.guildId, { targetId: c.targetId, type: c.type, number: c.number }, null);
  }
  return 'lifted';
}

/** The `moderation.expire` job (scheduled by timed actions and the cron sweep). */
export const expireCaseJob: JobHandler = {
  name: EXPIRE_JOB,
  async run(payload, ctx) {
    const { number } = payload as { number: number };
    const result = await expireCase(moderationServices(ctx), number);
    ctx.log.info('moderation case expiry', { guildId: ctx.guildId, case: number, result });
  },
};
