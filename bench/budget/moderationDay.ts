/**
 * The moderation-heavy day (issue 15): the budget bench's day with Moderation and Logging on and
 * what keeps them busy: members editing and deleting their messages through the day, moderators
 * timing out and banning in Discord's own UI (cases from the audit log), a spammer's 1,000 messages
 * deleted in one burst at 21:30; plus warns, timeouts and bans through the slash commands
 * (measured as invocations, {@link MODERATION_DAILY}).
 */
import type { SimState } from '@edge/simulator/state';
import { SeededRandom } from '@edge/simulator/state';
import type { DayExtras } from './dayTraffic';

/** The day's moderation mix, per server. */
export const MODERATION_DAY = { edits: 2_000, deletes: 1_500, burst: 1_000, uiTimeouts: 24, uiBans: 6 };
/** Slash-command moderation per day (warn, timeout, ban), measured like the other commands. */
export const MODERATION_DAILY = { warn: 40, timeout: 15, ban: 5 };
/** The burst of deletions starts at 21:30. */
export const BURST_AT = 21.5 * 3_600_000;

/** The hourly activity and the burst, played in the simulator state of `guildId` (owner acts in the UI). */
export function moderationExtras(state: SimState, guildId: string, channelId: string): DayExtras {
  const rnd = new SeededRandom(15);
  const g = state.guild(guildId);
  const owner = g.owner_id;
  const share = (n: number, h: number) => Math.round((n * (h + 1)) / 24) - Math.round((n * h) / 24);
  const spam: string[] = [];
  let accounts = 0;
  return {
    afterHour(hour, created) {
      const alive = [...created];
      for (let i = 0; i < share(MODERATION_DAY.edits, hour) && alive.length; i++) {
        const m = rnd.pick(alive);
        state.messages.update(m.channelId, m.id, { content: `${state.messages.get(m.channelId, m.id).content} (edited)` });
      }
      for (let i = 0; i < share(MODERATION_DAY.deletes, hour) && alive.length; i++) {
        const [m] = alive.splice(rnd.int(0, alive.length - 1), 1);
        state.messages.delete(m!.channelId, m!.id);
      }
      const members = Object.keys(state.guild(guildId).members).filter((id) => id !== owner && !state.users.get(id).bot);
      for (let i = 0; i < share(MODERATION_DAY.uiTimeouts, hour); i++) {
        const until = new Date(Date.now() + 600_000).toISOString();
        state.members.update(guildId, rnd.pick(members), { communication_disabled_until: until }, { actorId: owner, reason: 'cool down' });
      }
      // Bans hit fresh raid-like accounts (banning chatting members would leave the scenario without them).
      for (let i = 0; i < share(MODERATION_DAY.uiBans, hour); i++) {
        const user = state.users.create({ username: `spam_account_${++accounts}` });
        state.members.add(guildId, user.id);
        state.bans.add(guildId, user.id, { actorId: owner, reason: 'spam account' });
      }
      // The spammer's flood, deleted in the burst.
      if (hour === 20) {
        const spammer = state.users.create({ username: 'flood_bot_account' });
        state.members.add(guildId, spammer.id);
        for (let i = 0; i < MODERATION_DAY.burst; i++) spam.push(state.messages.create(channelId, { authorId: spammer.id, content: `FREE NITRO giveaway ${i} https://spam.example` }).id);
      }
    },
    burst: { at: BURST_AT, play: () => spam.forEach((id) => state.messages.delete(channelId, id)) },
  };
}
