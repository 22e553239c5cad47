import { Routes } from 'discord-api-types/v10';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import type { JobHandler } from '../../jobs/types';
import { giveawayStore, type Giveaway } from './data/giveawayStore';
import { giveawayMessage } from './giveawayMessage';
import { giveawayServices, type GiveawayServices } from './giveawayServices';
import { pickWinners } from './pickWinners';

/** The job that ends a giveaway at its time (QStash: survives restarts). */
export const END_JOB = 'giveaways.end';
const MAX_AHEAD_MS = 7 * 86_400_000;

/** Schedules the end (or a hop of at most 7 days towards it). */
export async function scheduleEnd(s: GiveawayServices, g: Pick<Giveaway, 'id' | 'endsAt'>, now = Date.now()): Promise<void> {
  const at = new Date(Math.min(Date.parse(g.endsAt), now + MAX_AHEAD_MS));
  await s.jobs.schedule(END_JOB, { giveawayId: g.id }, { at }, { key: `giveaway-${g.id}-${at.getTime()}` });
}

/** Tells the winners: in the channel (pinging them), and by DM when enabled. */
async function announce(s: GiveawayServices, g: Giveaway, winners: string[], reroll: boolean): Promise<void> {
  const text = winners.length
    ? `🎉 ${reroll ? 'New winner' + (winners.length === 1 ? '' : 's') : 'Congratulations'} ${winners.map((u) => `<@${u}>`).join(', ')}! You won **${g.prize}**.`
    : `No valid entries: nobody won **${g.prize}**.`;
  await discordCall(() => s.rest.post(Routes.channelMessages(g.channelId), { body: { content: text, allowed_mentions: { users: winners }, ...(g.messageId ? { message_reference: { message_id: g.messageId, fail_if_not_exists: false } } : {}) } }));
  if (!s.config.dmWinners) return;
  await Promise.allSettled(winners.map(async (u) => {
    const dm = await discordCall<{ id: string }>(() => s.rest.post(Routes.userChannels(), { body: { recipient_id: u } }));
    await discordCall(() => s.rest.post(Routes.channelMessages(dm.id), { body: { content: `🎉 You won **${g.prize}**! See https://discord.com/channels/${s.guildId}/${g.channelId}/${g.messageId ?? ''}`, allowed_mentions: { parse: [] } } }));
  }));
}

/**
 * Ends a giveaway at its time (or early): winners drawn from the stored entries by weight, the
 * end recorded once (a second delivery finds it ended), the message edited to show them, the
 * winners announced and DMed. An early delivery reschedules.
 */
export async function endGiveaway(s: GiveawayServices, id: number, opts: { early?: boolean; now?: number } = {}): Promise<'ended' | 'rescheduled' | 'skipped'> {
  const now = opts.now ?? Date.now();
  const g = await giveawayStore.get(s.db, s.guildId, id);
  if (!g || g.endedAt) return 'skipped';
  if (!opts.early && Date.parse(g.endsAt) > now + 1000) {
    await scheduleEnd(s, g, now);
    return 'rescheduled';
  }
  const winners = pickWinners(await giveawayStore.entries(s.db, g.id), g.winners);
  if (!(await giveawayStore.end(s.db, g.id, winners))) return 'skipped';
  const ended = (await giveawayStore.get(s.db, s.guildId, g.id))!;
  if (g.messageId) {
    await discordCall(async () => s.rest.patch(Routes.channelMessage(g.channelId, g.messageId!), { body: await giveawayMessage(ended, null) })).catch((err: unknown) => {
      if (!(err instanceof HttpError && err.status === 404)) throw err;
    });
  }
  await announce(s, ended, winners, false);
  return 'ended';
}

/** Draws `count` new winners among the entries that did not win before (an ended giveaway only). */
export async function rerollGiveaway(s: GiveawayServices, id: number, count = 1): Promise<string[]> {
  const g = await giveawayStore.get(s.db, s.guildId, id);
  if (!g) throw new HttpError(404, 'No such giveaway', { code: 'NotFound' });
  if (!g.endedAt) throw new HttpError(409, 'This giveaway has not ended yet', { code: 'GiveawayRunning' });
  const previous = g.winnerIds ?? [];
  const fresh = pickWinners(await giveawayStore.entries(s.db, g.id), count, previous);
  if (!fresh.length) throw new HttpError(409, 'Every entrant has already won: nobody left to draw', { code: 'NoEntrantsLeft' });
  await giveawayStore.setWinners(s.db, g.id, [...previous, ...fresh]);
  await announce(s, g, fresh, true);
  return fresh;
}

/** The `giveaways.end` job. */
export const endGiveawayJob: JobHandler = {
  name: END_JOB,
  async run(payload, ctx) {
    const { giveawayId } = payload as { giveawayId: number };
    const result = await endGiveaway(giveawayServices(ctx), giveawayId);
    ctx.log.info('giveaway end', { guildId: ctx.guildId, giveawayId, result });
  },
};
