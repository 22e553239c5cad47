import { Routes, type GatewayGuildMemberRemoveDispatchData } from 'discord-api-types/v10';
import type { EventHandler } from '../../../platform/ModuleDefinition';
import type { WelcomeConfig } from '../config';
import { runDiscord } from '../discordFailure';
import { buildTextMessage } from '../render';

/** GUILD_MEMBER_REMOVE: the leave message, once per event id. */
export const memberRemove: EventHandler = async (payload, ctx) => {
  const { user } = payload as GatewayGuildMemberRemoveDispatchData;
  const config = ctx.config as WelcomeConfig;
  const channelId = config.leave.channelId ?? config.channelId;
  if (!config.leave.enabled || !channelId) return;
  const vars = { user, server: ctx.guild?.name ?? 'the server', memberCount: ctx.guild?.memberCount ?? 0 };
  await ctx.once(ctx.eventId, 'welcome:leave', async () => {
    const sent = await runDiscord(
      ctx,
      { guildId: ctx.guildId, eventId: ctx.eventId, kind: 'welcome.error', what: `send the leave message in <#${channelId}>`, details: { channelId } },
      () => ctx.rest.post(Routes.channelMessages(channelId), { body: buildTextMessage(config.leave.message, vars) }),
    );
    if (sent) ctx.report(ctx.guildId, { module: 'welcome', kind: 'welcome.leave', level: 'info', eventId: ctx.eventId, summary: `Said goodbye to ${user.username}`, details: { channelId, userId: user.id } });
  });
};
