import type { GatewayVoiceStateUpdateDispatchData } from 'discord-api-types/v10';
import { COLORS, type LogEntry } from '../LogEntry';

/**
 * The voice channel each member was last seen in, per guild hub isolate. The gateway sends
 * only the new state; a member's previous channel is known here when this isolate saw it.
 */
const lastChannel = new Map<string, string | null>();

/** VOICE_STATE_UPDATE → joined / left / moved (mute and deafen changes are not logged). */
export function voiceEntry(eventId: string, d: GatewayVoiceStateUpdateDispatchData): LogEntry | null {
  const key = `${d.guild_id}:${d.user_id}`;
  const before = lastChannel.get(key);
  const after = d.channel_id ?? null;
  if (before === after) return null;
  if (after) lastChannel.set(key, after);
  else lastChannel.delete(key);
  if (lastChannel.size > 50_000) lastChannel.clear();
  const user = `<@${d.user_id}>`;
  const [title, description, color] =
    after && before ? ['Moved voice channel', `${user}: <#${before}> → <#${after}>`, COLORS.change]
    : after ? ['Joined voice', `${user} joined <#${after}>`, COLORS.add]
    : ['Left voice', before ? `${user} left <#${before}>` : `${user} left voice`, COLORS.remove];
  return {
    kind: 'voice',
    eventId,
    sourceChannelId: after ?? before ?? null,
    subject: { bot: d.member?.user?.bot, roles: d.member?.roles },
    embed: { color, title, description },
    group: { key: 'voice', title: 'Voice activity', line: `${title === 'Joined voice' ? '🟢' : title === 'Left voice' ? '🔴' : '🔀'} ${description}` },
  };
}
