import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';

/**
 * A stable id for a dispatch, the Worker's idempotency key. Built from Discord ids when the
 * event names a thing that happens once (a message, an interaction, a member joining at a
 * given time), so the same fact gets the same id even across sessions; otherwise from the
 * session and sequence, which Discord keeps when it replays after a resume.
 */
export function stableEventId(payload: GatewayDispatchPayload, sessionId: string | null): string {
  const d = payload.d as unknown as Record<string, unknown>;
  switch (payload.t) {
    case GatewayDispatchEvents.MessageCreate:
    case GatewayDispatchEvents.InteractionCreate:
    case GatewayDispatchEvents.ChannelCreate:
    case GatewayDispatchEvents.ThreadDelete:
    case GatewayDispatchEvents.ChannelDelete:
    case GatewayDispatchEvents.MessageDelete:
      return `${payload.t}:${String(d.id)}`;
    case GatewayDispatchEvents.MessageUpdate:
      // Several edits of one message are distinct facts; the edit time tells them apart.
      if (typeof d.edited_timestamp === 'string') return `${payload.t}:${String(d.id)}:${d.edited_timestamp}`;
      break;
    case GatewayDispatchEvents.GuildMemberAdd: {
      const user = d.user as { id?: string } | undefined;
      if (user?.id && typeof d.joined_at === 'string') return `${payload.t}:${String(d.guild_id)}:${user.id}:${d.joined_at}`;
      break;
    }
    default:
      break;
  }
  return `${payload.t}:${sessionId ?? 'nosession'}:${payload.s}`;
}

/** The guild a dispatch belongs to, or null (e.g. direct messages, READY). */
export function guildIdOf(payload: GatewayDispatchPayload): string | null {
  const d = payload.d as unknown as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return null;
  if (payload.t === GatewayDispatchEvents.GuildCreate || payload.t === GatewayDispatchEvents.GuildUpdate || payload.t === GatewayDispatchEvents.GuildDelete) {
    return typeof d.id === 'string' ? d.id : null;
  }
  return typeof d.guild_id === 'string' ? d.guild_id : null;
}
