import { AllowedMentionsTypes, ButtonStyle, ComponentType, InteractionResponseType, MessageFlags, type APIChatInputApplicationCommandInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import type { InteractionContext, SlashCommand } from '../../../interactions/types';
import { getRedis } from '../../../lib/redis';
import type { CustomCommand } from '../config';
import { customConfig } from '../customServices';
import { renderTemplate } from '../template/renderTemplate';
import { baseVars, optionVars, userOf } from '../vars';
import { ROLE_BUTTON } from './roleButton';

const say = (content: string): APIInteractionResponse => ({ type: InteractionResponseType.ChannelMessageWithSource, data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } });

/** Takes the member's cooldown of a command; false while it runs (Redis `SET NX EX`). */
async function takeCooldown(ctx: InteractionContext, cmd: CustomCommand): Promise<boolean> {
  if (!cmd.cooldownSeconds) return true;
  const key = `cc:cd:${ctx.guildId}:${cmd.name}:${ctx.userId}`;
  return (await getRedis(ctx.appConfig).set(key, '1', { nx: true, ex: cmd.cooldownSeconds })) === 'OK';
}

/**
 * Answers an admin-defined command: the member must be in an allowed channel and hold an
 * allowed role (when set), outside their cooldown; the response template is filled with the
 * member, server, channel and option values and sent (as an embed, ephemeral, with role buttons
 * as configured). Mentions ping members only, never roles or everyone.
 */
export async function runCustomCommand(interaction: APIChatInputApplicationCommandInteraction, ctx: InteractionContext): Promise<APIInteractionResponse> {
  const cmd = customConfig(ctx).commands.find((c) => c.name === interaction.data.name);
  if (!cmd) return say(`/${interaction.data.name} was removed from this server.`);
  if (cmd.allowedChannels.length && !cmd.allowedChannels.includes(interaction.channel.id)) return say(`/${cmd.name} works in ${cmd.allowedChannels.map((c) => `<#${c}>`).join(', ')} only.`);
  const held = new Set(interaction.member?.roles ?? []);
  if (cmd.allowedRoles.length && !cmd.allowedRoles.some((r) => held.has(r))) return say(`/${cmd.name} is for members with ${cmd.allowedRoles.map((r) => `<@&${r}>`).join(' or ')}.`);
  const { vars: options, missing } = optionVars(cmd, ctx.options.values);
  if (missing.length) return say(`/${cmd.name} needs ${missing.join(', ')}: the command may have changed, try again in a minute.`);
  if (!(await takeCooldown(ctx, cmd))) return say(`/${cmd.name} is cooling down: try again later (every ${cmd.cooldownSeconds} s at most).`);
  const info = ctx.guild.guild;
  const vars = { ...baseVars({ user: userOf(interaction.member, interaction.user), guild: { id: ctx.guildId!, name: info?.name, memberCount: info?.memberCount }, channel: { id: interaction.channel.id, name: 'name' in interaction.channel ? (interaction.channel.name ?? undefined) : undefined } }), ...options };
  const scope = { options: cmd.options.map((o) => o.name) };
  const body = renderTemplate(cmd.response, vars, scope);
  if (body.problems.length) return say(`/${cmd.name} has a mistake in its response: ${body.problems[0]!.message}. An admin can fix it in the dashboard.`);
  const text = body.text.trim() || '…';
  const components = cmd.roleButtons.length
    ? [{ type: ComponentType.ActionRow as const, components: await Promise.all(cmd.roleButtons.map(async (b) => ({ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, label: b.label, custom_id: await ctx.customId(ROLE_BUTTON, b.roleId, b.action) }))) }]
    : [];
  const content = cmd.embed
    ? { embeds: [{ ...(cmd.embedTitle ? { title: renderTemplate(cmd.embedTitle, vars, scope).text.slice(0, 256) } : {}), description: text, color: parseInt(cmd.embedColor.slice(1), 16) }] }
    : { content: text };
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { ...content, components, allowed_mentions: { parse: [AllowedMentionsTypes.User] }, ...(cmd.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) },
  };
}

/** The module's answer to every guild command it registered. */
export const customCommandHandler: Pick<SlashCommand, 'execute'> = { execute: runCustomCommand };
