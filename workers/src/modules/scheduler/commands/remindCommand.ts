import { ApplicationCommandOptionType as O, InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { schedulerStore } from '../data/schedulerStore';
import { parseDuration } from '../duration';
import { scheduleReminder } from '../jobs/reminderJob';
import { hasRoom, readQuota } from '../quota';
import { schedulerServices } from '../schedulerServices';

/** The longest reminder: a year. */
const MAX_SECONDS = 366 * 86_400;
const ts = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;

/**
 * `/remind me when:"in 2h" what:"…"` sets a reminder posted in this channel at that time,
 * mentioning the member; `/remind list` shows the member's pending ones, `/remind delete id`
 * removes one. Replies are ephemeral; each reminder counts once towards the monthly quota.
 */
export const remindCommand: SlashCommand = {
  data: {
    name: 'remind', description: 'Reminders', contexts: [InteractionContextType.Guild],
    options: [
      { type: O.Subcommand, name: 'me', description: 'Remind me of something later', options: [
        { type: O.String, name: 'when', description: 'In how long: 10m, 2h, 1d 12h, 1w', required: true, max_length: 40 },
        { type: O.String, name: 'what', description: 'What to remind you of', required: true, max_length: 500 },
      ] },
      { type: O.Subcommand, name: 'list', description: 'Your pending reminders' },
      { type: O.Subcommand, name: 'delete', description: 'Delete one of your reminders', options: [{ type: O.Integer, name: 'id', description: 'Its number (see /remind list)', required: true, min_value: 1 }] },
    ],
  },
  async execute(interaction, ctx) {
    const v = ctx.options.values;
    return ctx.defer(async () => {
      const s = schedulerServices(ctx);
      if (!s.config.remindersEnabled) return { content: 'Reminders are turned off in this server.' };
      if (ctx.options.subcommand === 'list') {
        const list = await schedulerStore.pending(s.db, s.guildId, ctx.userId, 25);
        if (!list.length) return { content: 'You have no pending reminders. Set one with `/remind me`.' };
        return { content: list.map((r) => `**#${r.id}** ${ts(r.dueAt)} in <#${r.channelId}>: ${r.text}`).join('\n').slice(0, 2000), allowed_mentions: { parse: [] } };
      }
      if (ctx.options.subcommand === 'delete') {
        const ok = await schedulerStore.deleteReminder(s.db, s.guildId, Number(v.id), ctx.userId);
        return { content: ok ? `Reminder #${String(v.id)} deleted.` : `You have no pending reminder #${String(v.id)}.` };
      }
      const seconds = parseDuration(String(v.when));
      if (seconds === null) return { content: `“${String(v.when)}” is not a duration: try \`10m\`, \`2h\`, \`1d 12h\` or \`1w\`.`, allowed_mentions: { parse: [] } };
      if (seconds > MAX_SECONDS) return { content: 'Reminders go up to a year ahead.' };
      const [mine, quota] = await Promise.all([schedulerStore.pending(s.db, s.guildId, ctx.userId, s.config.maxRemindersPerMember), readQuota(s)]);
      if (mine.length >= s.config.maxRemindersPerMember) return { content: `You already have ${mine.length} pending reminders (the most this server allows). Delete one with \`/remind delete\`.` };
      if (!hasRoom(quota, true)) return { content: `This server has used its ${quota.limit} scheduled deliveries for the month; the quota resets ${ts(quota.resetsAt)}.` };
      const r = await schedulerStore.addReminder(s.db, s.guildId, { channelId: interaction.channel.id, userId: ctx.userId, text: String(v.what), dueAt: new Date(Date.now() + seconds * 1000) });
      await scheduleReminder(s, r);
      return { content: `⏰ Reminder #${r.id} set: ${ts(r.dueAt)} I will remind you here of: ${r.text}`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};
