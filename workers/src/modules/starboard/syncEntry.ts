import type { REST } from '@discordjs/rest';
import { ChannelType, Routes, type APIMessage, type APIUser } from 'discord-api-types/v10';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import type { Logger } from '@edge/shared/log';
import type { LocalStore } from '../../platform/LocalStore';
import type { FeedInput } from '../../platform/hub/feed';
import { authorOf, boardMessage, countLine } from './boardMessage';
import type { StarboardConfig } from './config';
import { starStore, type StarEntry } from './data/starStore';

/** What syncing an entry needs: the guild's services inside its hub. */
export interface StarServices {
  guildId: string;
  rest: REST;
  local: LocalStore;
  config: StarboardConfig & { channelId: string };
  log: Logger;
  report(item: FeedInput): void;
  now(): number;
}

/** The emoji as a reaction route segment: `name:id` for a custom emoji, the character URL-encoded. */
export function emojiRoute(emoji: string): string {
  const m = /^<a?:(\w+):(\d+)>$/.exec(emoji);
  return m ? `${m[1]}:${m[2]}` : encodeURIComponent(emoji);
}

const ok404 = (err: unknown) => {
  if (err instanceof HttpError && err.status === 404) return null;
  throw err;
};

/** Whether a channel (a thread: its parent) is age-restricted. */
async function isNsfw(s: StarServices, channelId: string): Promise<boolean> {
  // Read fresh (only when a message reaches the threshold): an admin may just have flagged it.
  const ch = await discordCall<{ nsfw?: boolean; type: ChannelType; parent_id?: string | null }>(() => s.rest.get(Routes.channel(channelId)));
  const thread = ch.type === ChannelType.PublicThread || ch.type === ChannelType.PrivateThread || ch.type === ChannelType.AnnouncementThread;
  if (thread && ch.parent_id) return isNsfw(s, ch.parent_id);
  return ch.nsfw === true;
}

/**
 * A message just reached the threshold (by the stars the hub counted): read it once from
 * Discord (its text and attachments: the shard forwards no message content), check it may go
 * on this board (not a bot's, not NSFW into a safe board), recount its stars from Discord's
 * list of reactors (the author and bots left out; stars given before the module was on
 * included), then post it. The post carries a nonce Discord enforces, so a retry after a
 * crash between posting and recording finds the same message instead of posting twice.
 */
async function post(s: StarServices, entry: StarEntry): Promise<void> {
  const msg = await discordCall<APIMessage>(() => s.rest.get(Routes.channelMessage(entry.channelId, entry.messageId))).catch(ok404);
  if (!msg) return starStore.markIgnored(s.local, entry.messageId, s.now());
  if (msg.author.bot || msg.webhook_id) return starStore.markIgnored(s.local, entry.messageId, s.now());
  // The board's flag is read only for a message from an age-restricted channel (subrequests are counted per hub run).
  if ((await isNsfw(s, entry.channelId)) && !(await isNsfw(s, s.config.channelId))) {
    starStore.markIgnored(s.local, entry.messageId, s.now());
    s.report({ module: 'starboard', kind: 'starboard.nsfw_skipped', level: 'info', summary: `A message in <#${entry.channelId}> reached the starboard but was not reposted: its channel is age-restricted and the starboard is not`, details: { channelId: entry.channelId, messageId: entry.messageId } });
    return;
  }
  const reactors = await discordCall<APIUser[]>(() => s.rest.get(Routes.channelMessageReaction(entry.channelId, entry.messageId, emojiRoute(s.config.emoji)), { query: new URLSearchParams({ limit: '100' }) }));
  const stars = [...new Set([...reactors.filter((u) => !u.bot).map((u) => u.id), ...entry.stars])].filter((id) => id !== msg.author.id);
  if (stars.length < s.config.threshold) {
    starStore.setStars(s.local, entry, stars, s.now(), msg.author.id);
    return;
  }
  const body = { ...boardMessage(s.config, s.guildId, msg, stars.length), nonce: `sb${entry.messageId}`, enforce_nonce: true };
  const posted = await discordCall<APIMessage>(() => s.rest.post(Routes.channelMessages(s.config.channelId), { body }));
  starStore.markPosted(s.local, entry, { boardMessageId: posted.id, authorId: msg.author.id, authorName: authorOf(msg).name, excerpt: msg.content.slice(0, 120), stars }, s.now());
  s.report({ module: 'starboard', kind: 'starboard.posted', level: 'info', summary: `A message by ${authorOf(msg).name} reached ${stars.length} stars and was reposted to <#${s.config.channelId}>`, details: { channelId: entry.channelId, messageId: entry.messageId, boardMessageId: posted.id } });
}

/** A posted entry's count changed: edit the count line, or remove the post under the threshold. */
async function update(s: StarServices, entry: StarEntry): Promise<void> {
  const n = entry.stars.length;
  const boardId = entry.boardMessageId!;
  if (n < s.config.threshold && s.config.belowThreshold === 'remove') {
    await discordCall(() => s.rest.delete(Routes.channelMessage(s.config.channelId, boardId))).catch(ok404);
    starStore.markUnposted(s.local, entry.messageId, s.now());
    return;
  }
  const edited = await discordCall(() => s.rest.patch(Routes.channelMessage(s.config.channelId, boardId), { body: { content: countLine(s.config, n, entry.channelId), allowed_mentions: { parse: [] } } })).catch(ok404);
  // A moderator deleted the post: it stays off the board.
  if (!edited) starStore.markIgnored(s.local, entry.messageId, s.now());
}

/**
 * Brings the board in line with the entry once. Discord refusing access (the bot cannot read
 * the channel or post in the starboard, or the starboard channel is gone) would refuse a retry
 * too: it is reported to the admins (feed and audit log) instead; the entry keeps counting.
 */
async function syncOnce(s: StarServices, messageId: string): Promise<void> {
  const entry = starStore.get(s.local, messageId);
  if (!entry || entry.state === 'ignored') return;
  try {
    if (entry.state === 'posted') await update(s, entry);
    else if (entry.stars.length >= s.config.threshold) await post(s, entry);
  } catch (err) {
    if (!(err instanceof HttpError) || (err.status !== 403 && err.status !== 404)) throw err;
    s.report({
      module: 'starboard', kind: 'starboard.unreachable', level: 'warn', audit: true,
      summary: `A starred message could not be reposted to <#${s.config.channelId}>: ${err.message}. Check that the starboard channel exists and the bot may read the message’s channel and post there.`,
      details: { channelId: entry.channelId, messageId, boardChannelId: s.config.channelId, status: err.status },
    });
  }
}

/** Syncs running per message in this hub: a burst of stars shares one run (and at most one post). */
const running = new Map<string, { dirty: boolean; done: Promise<void> }>();

/**
 * Brings the starboard in line with a message's stars: posts it when it reaches the threshold,
 * edits the count, removes it below the threshold (or keeps it, per config). One run at a time
 * per message: a star arriving meanwhile marks the run dirty and it goes round once more, so
 * the board ends at the last count and two reactions at once never post twice. The caller's
 * event waits for that run (its failure fails the event, which is delivered again).
 */
export function syncEntry(s: StarServices, messageId: string): Promise<void> {
  const key = `${s.guildId}:${messageId}`;
  const current = running.get(key);
  if (current) {
    current.dirty = true;
    return current.done;
  }
  const run = { dirty: true, done: Promise.resolve() };
  run.done = (async () => {
    try {
      while (run.dirty) {
        run.dirty = false;
        await syncOnce(s, messageId);
      }
    } finally {
      running.delete(key);
    }
  })();
  running.set(key, run);
  return run.done;
}
