import { PermissionFlagsBits as P, Routes, type APIMessage } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import { channelOf } from '../data/guildFacts';
import type { ModerationServices } from '../ModerationServices';
import { requireChannelReach } from './requireChannelReach';

/** What to purge from a channel. */
export interface PurgeInput {
  channelId: string;
  /** Messages to delete among the newest that match (1–100). */
  count: number;
  userId?: string;
  botsOnly?: boolean;
  contains?: string;
}

/** What a purge did. */
export interface PurgeResult {
  deleted: number;
  /** Matching messages older than 14 days, which Discord will not bulk delete (left alone). */
  tooOld: number;
  scanned: number;
}

/** Discord bulk-deletes only messages younger than 14 days; a minute of margin for the clock. */
const BULK_MAX_AGE_MS = 14 * 86_400_000 - 60_000;
const PAGES = 5;
const sentAt = (id: string) => Number(BigInt(id) >> 22n) + 1_420_070_400_000;

/**
 * Deletes up to `count` of the newest messages that match (author, bots only, text), scanning
 * at most 500: in bulk (2–100 per call), one by one for a single message. Messages older than
 * 14 days are counted and left (Discord refuses to bulk delete them). Needs Manage Messages in
 * the channel, for the actor and the bot (plus Read Message History for the bot).
 */
export async function purgeMessages(m: ModerationServices, actor: GuildAuthority, input: PurgeInput, now = Date.now()): Promise<PurgeResult> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 100) throw new HttpError(400, 'Purge 1 to 100 messages at a time', { code: 'ValidationError' });
  const channel = await channelOf(m, input.channelId);
  await requireChannelReach(m, actor, channel, P.ManageMessages, P.ManageMessages | P.ReadMessageHistory | P.ViewChannel);
  const needle = input.contains?.toLowerCase();
  const match = (msg: APIMessage) =>
    (!input.userId || msg.author.id === input.userId) && (!input.botsOnly || !!msg.author.bot) && (!needle || msg.content.toLowerCase().includes(needle));
  const picked: string[] = [];
  let tooOld = 0;
  let scanned = 0;
  let before: string | undefined;
  for (let page = 0; page < PAGES && picked.length + tooOld < input.count; page++) {
    const query = new URLSearchParams({ limit: '100', ...(before && { before }) });
    const batch = await discordCall<APIMessage[]>(() => m.rest.get(Routes.channelMessages(input.channelId), { query }));
    scanned += batch.length;
    for (const msg of batch) {
      if (picked.length + tooOld >= input.count) break;
      if (!match(msg)) continue;
      if (now - sentAt(msg.id) > BULK_MAX_AGE_MS) tooOld++;
      else picked.push(msg.id);
    }
    if (batch.length < 100) break;
    before = batch.at(-1)!.id;
  }
  const reason = `Purge by ${actor.actor?.userId ?? 'the bot'}`;
  for (let i = 0; i < picked.length; i += 100) {
    const chunk = picked.slice(i, i + 100);
    if (chunk.length === 1) await discordCall(() => m.rest.delete(Routes.channelMessage(input.channelId, chunk[0]!), { reason }));
    else await discordCall(() => m.rest.post(Routes.channelBulkDelete(input.channelId), { body: { messages: chunk }, reason }));
  }
  m.log.info('moderation purge', { guildId: m.guildId, channelId: input.channelId, deleted: picked.length, tooOld, scanned });
  return { deleted: picked.length, tooOld, scanned };
}
