import { Routes, type APIMessage } from 'discord-api-types/v10';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import { giveawayStore, type Giveaway } from './data/giveawayStore';
import { scheduleEnd } from './endGiveaway';
import { giveawayMessage } from './giveawayMessage';
import type { GiveawayServices } from './giveawayServices';

/** What a new giveaway is. */
export interface GiveawayInput {
  channelId: string;
  prize: string;
  seconds: number;
  winners: number;
  requiredRoles: string[];
  /** This giveaway's own bonus entries (the config's apply too). */
  bonus: { roleId: string; entries: number }[];
  hostId: string;
}

const invalid = (message: string) => new HttpError(400, message, { code: 'GiveawayInvalid' });

/** Posts a giveaway with its Enter button, records it and schedules its end (`giveaways.end`). */
export async function startGiveaway(s: GiveawayServices, input: GiveawayInput, sign: (p: string, ...st: string[]) => Promise<string>): Promise<Giveaway> {
  if (!input.prize.trim() || input.prize.length > 200) throw invalid('The prize needs 1 to 200 characters');
  if (input.seconds < 10 || input.seconds > s.config.maxDays * 86_400) throw invalid(`A giveaway lasts from 10 seconds to ${s.config.maxDays} days`);
  if (!Number.isInteger(input.winners) || input.winners < 1 || input.winners > 20) throw invalid('1 to 20 winners');
  const bonus = [...s.config.bonusRoles, ...input.bonus];
  const g = await giveawayStore.create(s.db, s.guildId, { channelId: input.channelId, prize: input.prize.trim(), winners: input.winners, requiredRoles: input.requiredRoles, bonus, hostId: input.hostId, endsAt: new Date(Date.now() + input.seconds * 1000) });
  const msg = await discordCall<APIMessage>(async () => s.rest.post(Routes.channelMessages(input.channelId), { body: await giveawayMessage(g, sign) })).catch(async (err: unknown) => {
    await giveawayStore.remove(s.db, g.id);
    throw err;
  });
  await giveawayStore.setMessage(s.db, g.id, msg.id);
  await scheduleEnd(s, g);
  return { ...g, messageId: msg.id };
}
