import { Routes, type APIChannel } from 'discord-api-types/v10';
import { errorFields } from '../../../lib/errorFields';
import { formatDuration } from '../duration';
import { guildName } from '../data/guildFacts';
import type { CaseType } from '../data/cases';
import type { ModerationServices } from '../ModerationServices';

const VERB: Partial<Record<CaseType, string>> = { warn: 'warned in', timeout: 'timed out in', kick: 'kicked from', ban: 'banned from', softban: 'kicked from' };

/**
 * Tells a member, by DM and before the action (a kicked or banned member shares no server with
 * the bot afterwards), what is done to them and why, with the appeal line. Off in config, or
 * DMs closed: false, and the action goes on.
 */
export async function notifyMember(m: ModerationServices, targetId: string, what: { type: CaseType; reason: string | null; durationSeconds?: number | null }): Promise<boolean> {
  const verb = VERB[what.type];
  if (!m.config.dm.enabled || !verb) return false;
  try {
    const server = await guildName(m);
    const lines = [
      `You were ${verb} **${server}**${what.durationSeconds ? ` for ${formatDuration(what.durationSeconds)}` : ''}.`,
      `Reason: ${what.reason ?? 'none given'}`,
      ...(m.config.dm.appeal ? [m.config.dm.appeal] : []),
    ];
    const dm = (await m.rest.post(Routes.userChannels(), { body: { recipient_id: targetId } })) as APIChannel;
    await m.rest.post(Routes.channelMessages(dm.id), { body: { content: lines.join('\n'), allowed_mentions: { parse: [] } } });
    return true;
  } catch (err) {
    m.log.info('moderation dm not delivered', { guildId: m.guildId, targetId, ...errorFields(err) });
    return false;
  }
}
