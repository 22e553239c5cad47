import { AuditLogEvent, type APIAuditLogEntry } from 'discord-api-types/v10';
import { botUserId } from '../../../api/discord/botUser';
import { getRedis } from '../../../lib/redis';
import type { EventContext } from '../../../platform/ModuleDefinition';
import type { ModuleContext } from '../../../platform/ModuleContext';
import { recordCase } from '../actions/recordCase';
import { scheduleExpiry } from '../actions/scheduleExpiry';
import { cases, type CaseType } from '../data/cases';
import { moderationServices } from '../ModerationServices';

type Entry = APIAuditLogEntry & { guild_id: string };

/** The case an audit-log entry stands for, or null when it is not a moderation action. */
function caseOf(e: Entry): { type: CaseType; until?: Date | null } | null {
  switch (e.action_type) {
    case AuditLogEvent.MemberBanAdd: return { type: 'ban' };
    case AuditLogEvent.MemberBanRemove: return { type: 'unban' };
    case AuditLogEvent.MemberKick: return { type: 'kick' };
    case AuditLogEvent.MemberUpdate: {
      const change = e.changes?.find((c) => c.key === 'communication_disabled_until');
      if (!change) return null;
      const until = change.new_value ? new Date(String(change.new_value)) : null;
      return until && until.getTime() > Date.now() ? { type: 'timeout', until } : { type: 'untimeout' };
    }
    default: return null;
  }
}

/**
 * GUILD_AUDIT_LOG_ENTRY_CREATE: a ban, unban, kick or timeout made outside the bot (Discord's
 * own UI, another bot) becomes a case with the moderator Discord names. The bot's own actions
 * are not recorded again (they already have their case). An unban or timeout lift, by anyone,
 * ends the member's cases in force. Once per event (`ctx.once`), so a retried batch records nothing twice.
 */
export async function auditLogEntry(payload: unknown, ctx: EventContext): Promise<void> {
  const e = payload as Entry;
  const what = caseOf(e);
  if (!what || !e.target_id) return;
  const m = moderationServices(ctx as unknown as ModuleContext, ctx.guildId);
  const botId = await botUserId({ rest: m.rest, redis: getRedis(m.appConfig), config: m.appConfig });
  const targetId = e.target_id;
  if (e.user_id === botId) {
    // The bot's own actions have their case already; but a ban or timeout it lifted through
    // another path (the dashboard's Bans page) must still end the case in force, or its job
    // would later report a lift that already happened.
    if (what.type === 'unban' || what.type === 'untimeout') {
      await cases.lift(m.db, m.guildId, { targetId, type: what.type === 'unban' ? 'ban' : 'timeout' }, null);
    }
    return;
  }
  await ctx.once(ctx.eventId, 'case', async () => {
    const actorId = e.user_id ?? null;
    if (what.type === 'unban') await cases.lift(m.db, m.guildId, { targetId, type: 'ban' }, actorId);
    if (what.type === 'untimeout') {
      const lifted = await cases.lift(m.db, m.guildId, { targetId, type: 'timeout' }, actorId);
      // A lift nobody is named for, of nothing in force, is no case.
      if (!lifted.length && !actorId) return;
    }
    const durationSeconds = what.until ? Math.round((what.until.getTime() - Date.now()) / 1000) : null;
    const c = await recordCase(m, { type: what.type, actorId, targetId, reason: e.reason ?? null, durationSeconds, expiresAt: what.until ?? null, source: 'discord' });
    await scheduleExpiry(m, c);
  });
}
