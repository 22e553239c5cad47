import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { memberPayload } from '../payloads.js';
import { emojiFromKey } from '../messagePayload.js';
import type { MessageStore } from './MessageStore.js';

/** Reactions on messages; emits MESSAGE_REACTION_ADD / REMOVE / REMOVE_ALL. */
export class ReactionOps {
  constructor(
    private readonly s: SimState,
    private readonly messages: MessageStore,
  ) {}

  /** Adds `userId`'s reaction (emoji key `👍` or `name:id`); no-op when already there. */
  add(channelId: string, messageId: string, userId: string, emojiKey: string): void {
    const msg = this.messages.get(channelId, messageId);
    const ids = ((msg.reactors ??= {})[emojiKey] ??= []);
    if (ids.includes(userId)) return;
    ids.push(userId);
    const guildId = this.s.channels.guildIdOf(channelId);
    const member = guildId ? this.s.data.guilds[guildId]?.members[userId] : undefined;
    this.s.dispatch(
      GatewayDispatchEvents.MessageReactionAdd,
      {
        user_id: userId,
        channel_id: channelId,
        message_id: messageId,
        ...(guildId ? { guild_id: guildId } : {}),
        ...(member ? { member: memberPayload(this.s.data, member) } : {}),
        emoji: emojiFromKey(emojiKey),
        message_author_id: msg.author.id,
        burst: false,
        burst_colors: [],
        type: 0,
      },
      guildId,
    );
  }

  /** Removes `userId`'s reaction; no-op when absent. */
  remove(channelId: string, messageId: string, userId: string, emojiKey: string): void {
    const msg = this.messages.get(channelId, messageId);
    const ids = msg.reactors?.[emojiKey];
    if (!ids?.includes(userId)) return;
    ids.splice(ids.indexOf(userId), 1);
    const guildId = this.s.channels.guildIdOf(channelId);
    this.s.dispatch(
      GatewayDispatchEvents.MessageReactionRemove,
      { user_id: userId, channel_id: channelId, message_id: messageId, ...(guildId ? { guild_id: guildId } : {}), emoji: emojiFromKey(emojiKey), burst: false, type: 0 },
      guildId,
    );
  }

  /** Removes all reactions of a message (or of one emoji). */
  clear(channelId: string, messageId: string, emojiKey?: string): void {
    const msg = this.messages.get(channelId, messageId);
    const guildId = this.s.channels.guildIdOf(channelId);
    if (emojiKey) {
      if (msg.reactors) delete msg.reactors[emojiKey];
      this.s.dispatch(GatewayDispatchEvents.MessageReactionRemoveEmoji, { channel_id: channelId, message_id: messageId, guild_id: guildId, emoji: emojiFromKey(emojiKey) }, guildId);
    } else {
      msg.reactors = {};
      this.s.dispatch(GatewayDispatchEvents.MessageReactionRemoveAll, { channel_id: channelId, message_id: messageId, guild_id: guildId }, guildId);
    }
  }

  /** User ids who reacted with an emoji. */
  users(channelId: string, messageId: string, emojiKey: string): string[] {
    return [...(this.messages.get(channelId, messageId).reactors?.[emojiKey] ?? [])];
  }
}
