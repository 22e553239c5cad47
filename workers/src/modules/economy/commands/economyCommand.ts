import { ApplicationCommandOptionType as O, InteractionContextType } from 'discord-api-types/v10';
import { guildData } from '../../../api/discord/guildData';
import type { SlashCommand } from '../../../interactions/types';
import { getRedis } from '../../../lib/redis';
import { GuildAuthority } from '../../../permissions';
import { money } from '../config';
import { economyReads } from '../data/economyReads';
import { economyServices } from '../economyServices';
import { adjust } from '../operations';
import { resolvedUser } from './resolvedUser';

const target = [
  { type: O.User, name: 'member', description: 'Whose balance', required: true },
  { type: O.Integer, name: 'amount', description: 'How much', required: true, min_value: 1, max_value: 1_000_000_000 },
  { type: O.String, name: 'reason', description: 'Kept in the ledger', max_length: 200 },
] as const;

/**
 * `/economy leaderboard` (everyone: the richest members; `/leaderboard` is Stats' activity
 * ranking, so the currency's lives here), `/economy give|take member amount [reason]` (Manage
 * Server, checked with the member's roles through {@link GuildAuthority}; a take never goes
 * below zero).
 */
export const economyCommand: SlashCommand = {
  data: {
    name: 'economy', description: 'The server’s currency', contexts: [InteractionContextType.Guild],
    options: [
      { type: O.Subcommand, name: 'leaderboard', description: 'The richest members' },
      { type: O.Subcommand, name: 'give', description: 'Give money to a member (Manage Server)', options: [...target] },
      { type: O.Subcommand, name: 'take', description: 'Take money from a member (Manage Server)', options: [...target] },
    ],
  },
  async execute(interaction, ctx) {
    const sub = ctx.options.subcommand;
    if (sub === 'leaderboard') {
      return ctx.defer(async () => {
        const s = economyServices(ctx);
        const top = await economyReads.leaderboard(s.db, s.guildId, 10);
        const lines = top.map((e) => `**${e.rank}.** <@${e.userId}> — ${money(s.config, e.balance)}`);
        return { embeds: [{ title: `🏆 Richest members`, description: lines.length ? lines.join('\n') : 'Nobody has any money yet: try /daily.' }], allowed_mentions: { parse: [] } };
      });
    }
    const who = resolvedUser(interaction, String(ctx.options.values.member));
    const amount = Number(ctx.options.values.amount);
    const reason = ctx.options.values.reason === undefined ? null : String(ctx.options.values.reason);
    const action = sub === 'take' ? 'take' : 'give';
    return ctx.defer(async () => {
      const s = economyServices(ctx);
      const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId };
      const [guild, roles] = await Promise.all([guildData.guild(d), guildData.roles(d)]);
      const actor = GuildAuthority.fromInteraction({ guildId: s.guildId, ownerId: guild.owner_id, roles }, { user: { id: ctx.userId }, roles: interaction.member!.roles });
      const r = await adjust(s, actor, who, action, amount, reason);
      return { content: `${action === 'give' ? '➕ Gave' : '➖ Took'} **${money(s.config, amount)}** ${action === 'give' ? 'to' : 'from'} <@${who.id}>. Their balance: ${money(s.config, r.balances[who.id]!)}.`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};
