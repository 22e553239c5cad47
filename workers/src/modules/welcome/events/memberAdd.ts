import { Routes, type APIDMChannel, type GatewayGuildMemberAddDispatchData } from 'discord-api-types/v10';
import type { EventHandler } from '../../../platform/ModuleDefinition';
import { applyAutoroles } from '../autorole';
import type { WelcomeConfig } from '../config';
import { runDiscord } from '../discordFailure';
import { buildTextMessage, buildWelcomeMessage, type WelcomeVars } from '../render';

/**
 * GUILD_MEMBER_ADD: the welcome message, the optional DM and the autoroles. Each effect is
 * claimed once per event id, so a re-processed join never sends twice.
 */
export const memberAdd: EventHandler = async (payload, ctx) => {
  const member = payload as GatewayGuildMemberAddDispatchData;
  const config = ctx.config as WelcomeConfig;
  const user = member.user;
  const vars: WelcomeVars = { user, server: ctx.guild?.name ?? 'the server', memberCount: ctx.guild?.memberCount ?? 0 };
  const base = { guildId: ctx.guildId, eventId: ctx.eventId };
  const channelId = config.channelId;
  // The effects are independent: started together, their claims share one round trip, and a
  // failing one (rethrown after the others finished) is the only one a retry runs again.
  const effects: Promise<unknown>[] = [];
  if (channelId) {
    effects.push(ctx.once(ctx.eventId, 'welcome:message', async () => {
      const sent = await runDiscord(ctx, { ...base, kind: 'welcome.error', what: `send the welcome message in <#${channelId}>`, details: { channelId } }, () =>
        ctx.rest.post(Routes.channelMessages(channelId), { body: buildWelcomeMessage(config, ctx.plan, vars) }),
      );
      if (sent) ctx.report(ctx.guildId, { module: 'welcome', kind: 'welcome.sent', level: 'info', eventId: ctx.eventId, summary: `Welcomed ${vars.user.username}`, details: { channelId, userId: user.id } });
    }));
  }
  if (config.dm.enabled && !user.bot) {
    effects.push(ctx.once(ctx.eventId, 'welcome:dm', async () => {
      await runDiscord(ctx, { ...base, kind: 'welcome.error', what: 'send the welcome DM', details: { userId: user.id } }, async () => {
        const dm = (await ctx.rest.post(Routes.userChannels(), { body: { recipient_id: user.id } })) as APIDMChannel;
        await ctx.rest.post(Routes.channelMessages(dm.id), { body: buildTextMessage(config.dm.message, vars) });
      });
    }));
  }
  if (config.autoroles.length > 0) {
    effects.push(ctx.once(ctx.eventId, 'welcome:autorole', () => applyAutoroles(ctx, user.id, config.autoroles)));
  }
  const failure = (await Promise.allSettled(effects)).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
};
