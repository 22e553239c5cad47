import { GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createModerationApi } from './api';
import { actionCommands } from './commands/actionCommands';
import { caseCommand, casesCommand, noteCommand } from './commands/caseCommands';
import { channelCommands } from './commands/channelCommands';
import { modlogCommand } from './commands/modlogCommand';
import { menuCommands, menuModal } from './commands/menuCommands';
import { moderationConfigSchema } from './config';
import { auditLogEntry } from './events/auditLogEntry';
import { expireCaseJob } from './jobs/expireCase';
import { sweepOverdue } from './jobs/sweepOverdue';
import { moderationMemberActions } from './api/memberActions';
import { MODERATION_LIMITS } from './limits';

/** Moderation with numbered cases and timed actions (issue #15). */
export const moderationModule: ModuleDefinition<typeof moderationConfigSchema> = {
  id: 'moderation',
  name: 'Moderation',
  description: 'Warn, time out, kick and ban with numbered cases, DMs to the member, a mod-log and temporary bans lifted on time',
  icon: '🛡️',
  category: 'moderation',
  availability: { free: true, premium: true, max: true },
  limits: MODERATION_LIMITS,
  usage: (c) => ({ escalationRules: c.escalation.length }),
  dependencies: [],
  // Actions taken outside the bot become cases too.
  events: [GatewayDispatchEvents.GuildAuditLogEntryCreate],
  intents: [GatewayIntentBits.GuildModeration],
  configSchema: moderationConfigSchema,
  // Act on members, DM them, post to the mod-log, read the audit log (outside actions), purge,
  // slowmode and lock channels.
  botPermissions:
    P.KickMembers | P.BanMembers | P.ModerateMembers | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ViewAuditLog |
    P.ManageMessages | P.ReadMessageHistory | P.ManageChannels | P.ManageRoles,
  commands: [...actionCommands, noteCommand, caseCommand, casesCommand, ...channelCommands, modlogCommand],
  userCommands: menuCommands,
  modals: [menuModal],
  jobs: [expireCaseJob],
  scheduled: async (ctx) => void (await sweepOverdue(ctx)),
  eventHandlers: { [GatewayDispatchEvents.GuildAuditLogEntryCreate]: auditLogEntry },
  api: createModerationApi(),
  // The dashboard Members page's kick/ban/timeout run the same actions (cases) while the module is on.
  memberActions: moderationMemberActions,
};
