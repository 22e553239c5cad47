import { GatewayDispatchEvents as E, GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createAutomodApi } from './api';
import { automodConfigSchema } from './config';
import { actionExecution } from './events/actionExecution';
import { ruleChanged } from './events/ruleChanged';
import { automodBatch } from './hub/automodBatch';
import { raidCheckJob } from './hub/raidCheck';
import { readAutomod } from './hub/readAutomod';
import { syncAllGuilds, syncOnChange } from './native/lifecycle';

/** Automod and anti-raid, on Discord's native AutoMod where it can (issue #16). */
export const automodModule: ModuleDefinition<typeof automodConfigSchema> = {
  id: 'automod',
  name: 'Automod',
  description: 'Blocked words, spam, floods, links and invites, risky files, new-account joins and raids, on Discord’s own AutoMod where it can, with a rule tester',
  icon: '🤖',
  category: 'moderation',
  availability: { free: true, premium: true, max: true },
  limits: {},
  // Warnings, timeouts, kicks and bans are Moderation's cases (escalation included).
  dependencies: ['moderation'],
  events: [E.MessageCreate, E.GuildMemberAdd, E.AutoModerationActionExecution, E.AutoModerationRuleUpdate, E.AutoModerationRuleDelete],
  intents: [I.GuildMessages, I.MessageContent, I.GuildMembers, I.AutoModerationConfiguration, I.AutoModerationExecution],
  // What the rules read; executions (rare) come whole.
  fields: {
    [E.MessageCreate]: ['id', 'channel_id', 'author.id', 'author.bot', 'webhook_id', 'member.roles'],
    [E.GuildMemberAdd]: ['user.id', 'user.bot', 'user.avatar', 'joined_at'],
    [E.AutoModerationRuleUpdate]: ['id', 'creator_id'],
    [E.AutoModerationRuleDelete]: ['id', 'creator_id'],
  },
  // The text and files only where Automod is on.
  guildFields: { [E.MessageCreate]: ['content', 'attachments'] },
  configSchema: automodConfigSchema,
  // AutoMod rules, verification level and paused invites (Manage Server); deletions; cases' actions; the log channel.
  botPermissions:
    P.ManageGuild | P.ManageMessages | P.ModerateMembers | P.KickMembers | P.BanMembers | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory,
  eventHandlers: {
    [E.AutoModerationActionExecution]: actionExecution,
    [E.AutoModerationRuleUpdate]: ruleChanged,
    [E.AutoModerationRuleDelete]: ruleChanged,
  },
  batchHandler: automodBatch,
  readLocal: readAutomod,
  jobs: [raidCheckJob],
  scheduled: async (ctx) => void (await syncAllGuilds(ctx)),
  onEnable: async (ctx) => void (await syncOnChange(ctx, ctx.config)),
  onConfigChange: async (ctx) => void (await syncOnChange(ctx, ctx.config)),
  onDisable: async (ctx) => void (await syncOnChange(ctx, null)),
  api: createAutomodApi(),
};
