import type { GatewayGuildMemberAddDispatchData, GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { snowflakeMs, type MessageFacts } from '../rules/checkMessage';
import type { JoinFacts } from '../rules/checkJoin';

/** A member's message as our rules read it; null for bots, webhooks and system messages. */
export function messageFacts(payload: unknown): MessageFacts | null {
  const d = payload as Partial<GatewayMessageCreateDispatchData>;
  if (!d.id || !d.channel_id || !d.author || d.author.bot || d.webhook_id) return null;
  return {
    id: d.id,
    channelId: d.channel_id,
    authorId: d.author.id,
    roles: d.member?.roles ?? [],
    content: typeof d.content === 'string' ? d.content : '',
    files: (d.attachments ?? []).map((a) => a.filename),
    at: snowflakeMs(d.id),
  };
}

/** A join as our rules read it. */
export function joinFacts(payload: unknown, receivedAt: Date): JoinFacts | null {
  const d = payload as Partial<GatewayGuildMemberAddDispatchData>;
  if (!d.user?.id) return null;
  const joined = Date.parse(d.joined_at ?? '');
  return { userId: d.user.id, avatar: d.user.avatar ?? null, bot: d.user.bot ?? false, at: Number.isFinite(joined) ? joined : receivedAt.getTime() };
}
