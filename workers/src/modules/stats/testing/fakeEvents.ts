import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { StatsBatchEvent } from '../events/toStatsRow';

/**
 * Builders of gateway dispatches as the processor hands them to stats (payloads trimmed to
 * the fields Discord always sends that stats read). Ids are unique per builder instance.
 */
export function fakeEvents(guildId: string) {
  let n = 0;
  const ev = (type: GatewayDispatchEvents, payload: unknown, at: Date | number, id?: string): StatsBatchEvent => ({
    eventId: id ?? `${guildId}:${type}:${++n}`,
    guildId,
    type,
    payload,
    receivedAt: new Date(at),
  });
  return {
    message: (userId: string, channelId: string, at: Date | number, opts: { bot?: boolean; id?: string } = {}) =>
      ev(GatewayDispatchEvents.MessageCreate, { id: `m${n}`, guild_id: guildId, channel_id: channelId, author: { id: userId, username: 'u', bot: opts.bot }, content: '' }, at, opts.id),
    reaction: (userId: string, channelId: string, at: Date | number) =>
      ev(GatewayDispatchEvents.MessageReactionAdd, { user_id: userId, channel_id: channelId, message_id: '1', guild_id: guildId, emoji: { id: null, name: '👍' } }, at),
    join: (userId: string, at: Date | number) =>
      ev(GatewayDispatchEvents.GuildMemberAdd, { guild_id: guildId, user: { id: userId, username: 'u' }, joined_at: new Date(at).toISOString(), roles: [] }, at),
    leave: (userId: string, at: Date | number) => ev(GatewayDispatchEvents.GuildMemberRemove, { guild_id: guildId, user: { id: userId, username: 'u' } }, at),
    voice: (userId: string, channelId: string | null, at: Date | number) =>
      ev(GatewayDispatchEvents.VoiceStateUpdate, { guild_id: guildId, user_id: userId, channel_id: channelId, session_id: 's', self_mute: false }, at),
    other: (at: Date | number) => ev(GatewayDispatchEvents.TypingStart, { user_id: '1', channel_id: '2' }, at),
  };
}
