import type { REST } from '@discordjs/rest';
import { Routes, type APIEmbed } from 'discord-api-types/v10';
import type { Logger } from '@edge/shared/log';
import { errorFields } from '../../../lib/errorFields';

/** Embed colours per kind of entry. */
export const LOG_COLORS = { caught: 0xed4245, native: 0xeb6a3c, join: 0xf0b232, raid: 0xed4245, calm: 0x57f287 } as const;

/** Text cut to `max` characters (embed fields hold 1,024). */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * Posts entries to the Automod log channel, ten embeds a message (a burst of catches is a
 * few messages). Mentions never ping. A failed post is logged, never undoes an action.
 */
export async function postLog(rest: REST, channelId: string | null, embeds: APIEmbed[], log: Logger): Promise<void> {
  if (!channelId || !embeds.length) return;
  for (let i = 0; i < embeds.length; i += 10) {
    try {
      await rest.post(Routes.channelMessages(channelId), { body: { embeds: embeds.slice(i, i + 10), allowed_mentions: { parse: [] } } });
    } catch (err) {
      log.warn('automod log post failed', { channelId, ...errorFields(err) });
      return;
    }
  }
}
