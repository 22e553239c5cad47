import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes, type APIChannel } from 'discord-api-types/v10';
import { LOG_KINDS, type LogKind, type LoggingConfig } from '../config';

/** One configured log channel as the dashboard shows it. */
export interface LogChannelStatus {
  channelId: string;
  name: string | null;
  kinds: LogKind[];
  status: 'ok' | 'missing' | 'no_access';
  /** What to do about it, for people. */
  hint: string | null;
}

/**
 * Checks each configured log channel the way posting needs it: the channel exists, the bot
 * sees it and may manage its webhooks (two reads per channel, only when the dashboard asks).
 */
export async function channelStatus(rest: REST, guildId: string, config: LoggingConfig): Promise<LogChannelStatus[]> {
  const byChannel = new Map<string, LogKind[]>();
  for (const k of LOG_KINDS) {
    const id = config.routes[k];
    if (id) (byChannel.get(id) ?? byChannel.set(id, []).get(id)!).push(k);
  }
  if (!byChannel.size) return [];
  // The guild's channel list names every channel, even those the bot cannot see.
  const names = new Map(((await rest.get(Routes.guildChannels(guildId))) as APIChannel[]).map((c) => [c.id, c.name ?? null]));
  const missing = { status: 'missing', hint: 'The channel was deleted: choose another log channel.' } as const;
  return Promise.all([...byChannel].map(async ([channelId, kinds]): Promise<LogChannelStatus> => {
    if (!names.has(channelId)) return { channelId, name: null, kinds, ...missing };
    const name = names.get(channelId) ?? null;
    try {
      await rest.get(Routes.channelWebhooks(channelId));
      return { channelId, name, kinds, status: 'ok', hint: null };
    } catch (err) {
      if (!(err instanceof DiscordAPIError)) throw err;
      if (err.status === 404) return { channelId, name, kinds, ...missing };
      if (err.status === 403) return { channelId, name, kinds, status: 'no_access', hint: 'Give the bot View Channel and Manage Webhooks in this channel.' };
      throw err;
    }
  }));
}
