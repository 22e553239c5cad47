import { GatewayDispatchEvents as E, type GatewayMessageReactionAddDispatchData, type GatewayMessageReactionRemoveEmojiDispatchData } from 'discord-api-types/v10';
import type { EventContext, EventHandler } from '../../../platform/ModuleDefinition';
import { starboardConfigSchema } from '../config';
import { starStore } from '../data/starStore';
import { syncEntry, type StarServices } from '../syncEntry';

type Reaction = Partial<GatewayMessageReactionAddDispatchData>;

/** The payload fields the handlers read (the shard forwards only these, plus the platform's). */
export const STAR_FIELDS = ['channel_id', 'message_id', 'user_id', 'emoji.id', 'emoji.name', 'member.user.bot', 'message_author_id'];

/** A custom emoji matches by id, a unicode one by its character (variation selectors aside). */
export function isStarEmoji(configured: string, got: { id?: string | null; name?: string | null } | undefined): boolean {
  if (!got) return false;
  const custom = /^<a?:\w+:(\d+)>$/.exec(configured);
  if (custom) return got.id === custom[1];
  const plain = (x: string) => x.replace(/\ufe0f/g, '');
  return !got.id && !!got.name && plain(got.name) === plain(configured);
}

/** The services of a run in the hub, or null when the module has nothing to do here. */
function services(ctx: EventContext, channelId: string | undefined): StarServices | null {
  const config = starboardConfigSchema.parse(ctx.config ?? {});
  const boardId = config.channelId;
  if (!boardId || !channelId || channelId === boardId || config.ignoredChannels.includes(channelId)) return null;
  // Stars are kept in the hub's SQLite: the platform always runs handlers there.
  if (!ctx.local) throw new Error('starboard handlers run in the guild hub');
  return {
    guildId: ctx.guildId, rest: ctx.rest, local: ctx.local, log: ctx.log, now: () => Date.now(),
    config: { ...config, channelId: boardId },
    report: (item) => ctx.report(ctx.guildId, { ...item, eventId: ctx.eventId }),
  };
}

/**
 * A star added or removed: bots' stars and the author's own never count. Only a reaction with
 * the starboard emoji touches the hub's storage (one row per starred message). The board is
 * synced even when the set did not change (a re-delivered event finishes what failed before).
 */
function onReaction(added: boolean): EventHandler {
  return async (payload, ctx) => {
    const p = payload as Reaction;
    if (!p.message_id || !p.user_id) return;
    const s = services(ctx, p.channel_id);
    if (!s || !isStarEmoji(s.config.emoji, p.emoji)) return;
    if (added && (p.member?.user?.bot || p.user_id === p.message_author_id)) return;
    const entry = starStore.react(s.local, { messageId: p.message_id, channelId: p.channel_id!, authorId: p.message_author_id ?? null, userId: p.user_id }, added, s.now());
    if (entry) await syncEntry(s, p.message_id);
  };
}

/** All reactions, or all of the starboard emoji, removed by a moderator: no star left. */
const onCleared: EventHandler = async (payload, ctx) => {
  const p = payload as Partial<GatewayMessageReactionRemoveEmojiDispatchData>;
  if (!p.message_id) return;
  const s = services(ctx, p.channel_id);
  if (!s || (p.emoji && !isStarEmoji(s.config.emoji, p.emoji))) return;
  const entry = starStore.get(s.local, p.message_id);
  if (!entry) return;
  if (entry.stars.length > 0) starStore.setStars(s.local, entry, [], s.now());
  await syncEntry(s, p.message_id);
};

/** Starboard's gateway handlers. */
export const starHandlers: Partial<Record<E, EventHandler>> = {
  [E.MessageReactionAdd]: onReaction(true),
  [E.MessageReactionRemove]: onReaction(false),
  [E.MessageReactionRemoveAll]: onCleared,
  [E.MessageReactionRemoveEmoji]: onCleared,
};
