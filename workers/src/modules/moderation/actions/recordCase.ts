import { Routes, type APIEmbed, type APIMessage } from 'discord-api-types/v10';
import { errorFields } from '../../../lib/errorFields';
import { cases, type ModCase, type NewCase } from '../data/cases';
import { formatDuration } from '../duration';
import type { ModerationServices } from '../ModerationServices';

const COLOR: Record<ModCase['type'], number> = {
  warn: 0xfee75c, timeout: 0xf0b232, untimeout: 0x57f287, kick: 0xeb6a3c, ban: 0xed4245, unban: 0x57f287, softban: 0xeb6a3c,
};
const TITLE: Record<ModCase['type'], string> = {
  warn: 'Warning', timeout: 'Timeout', untimeout: 'Timeout lifted', kick: 'Kick', ban: 'Ban', unban: 'Unban', softban: 'Softban',
};

/** The mod-log embed of a case (also the slash commands' `/case` view). */
export function caseEmbed(c: ModCase): APIEmbed {
  const fields = [
    { name: 'Member', value: `<@${c.targetId}> (${c.targetId})`, inline: true },
    { name: 'Moderator', value: c.actorId ? `<@${c.actorId}>` : 'unknown (outside the bot)', inline: true },
    ...(c.durationSeconds ? [{ name: 'Duration', value: formatDuration(c.durationSeconds), inline: true }] : []),
    ...(c.expiresAt ? [{ name: c.active ? 'Ends' : 'Ended', value: `<t:${Math.floor(Date.parse(c.liftedAt ?? c.expiresAt) / 1000)}:R>`, inline: true }] : []),
    { name: 'Reason', value: c.reason ?? '_none given_' },
  ];
  return { title: `Case #${c.number} · ${TITLE[c.type]}`, color: COLOR[c.type], fields, timestamp: c.createdAt, footer: { text: `via ${c.source}` } };
}

/**
 * Records a case after its Discord action succeeded, and posts it to the mod-log channel when
 * one is set (the post's id is linked to the case). A failed post is logged, never undoes the
 * action.
 */
export async function recordCase(m: ModerationServices, input: NewCase): Promise<ModCase> {
  const created = await cases.create(m.db, m.guildId, input);
  const channelId = m.config.modLogChannelId;
  if (!channelId) return created;
  try {
    const msg = (await m.rest.post(Routes.channelMessages(channelId), { body: { embeds: [caseEmbed(created)], allowed_mentions: { parse: [] } } })) as APIMessage;
    await cases.addMessage(m.db, m.guildId, created.number, msg.id);
    return { ...created, messageIds: [...created.messageIds, msg.id] };
  } catch (err) {
    m.log.warn('moderation mod-log post failed', { guildId: m.guildId, channelId, case: created.number, ...errorFields(err) });
    return created;
  }
}
