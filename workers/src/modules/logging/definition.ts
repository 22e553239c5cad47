import { GatewayDispatchEvents as E, GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createLoggingApi } from './api';
import { auditCommand } from './commands/auditCommand';
import { logChannels, loggingConfigSchema } from './config';
import { contentStore } from './content/contentStore';
import { loggingBatch } from './events/loggingBatch';
import { LOGGING_LIMITS } from './limits';

/** Server logs posted through webhooks, batched (issue #15, module `logging`). */
export const loggingModule: ModuleDefinition<typeof loggingConfigSchema> = {
  id: 'logging',
  name: 'Logging',
  description: 'Message edits and deletions, joins and leaves, member, role and channel changes, bans and voice, posted to log channels',
  icon: '📜',
  category: 'moderation',
  availability: { free: true, premium: true, max: true },
  limits: LOGGING_LIMITS,
  usage: (c) => ({ logChannels: logChannels(c).length }),
  dependencies: [],
  events: [
    // New messages only to keep their content (deleted-never-edited messages logged as they were).
    E.MessageCreate,
    E.MessageUpdate,
    E.MessageDelete,
    E.MessageDeleteBulk,
    E.GuildMemberAdd,
    E.GuildMemberRemove,
    E.VoiceStateUpdate,
    E.GuildAuditLogEntryCreate,
  ],
  // Member updates, bans, roles and channels come from the audit log: it carries before and
  // after and the moderator, which the gateway's update events do not.
  intents: [I.GuildMessages, I.MessageContent, I.GuildMembers, I.GuildModeration, I.GuildVoiceStates],
  fields: {
    [E.VoiceStateUpdate]: ['guild_id', 'channel_id', 'user_id', 'member.user.bot', 'member.roles'],
    [E.MessageCreate]: ['id', 'channel_id', 'author.id', 'author.bot', 'webhook_id'],
  },
  // The text, name and roles only in guilds where Logging is on (privileged content; Stats-only
  // guilds never ship it), and only while it is kept (`contentRetentionHours`).
  guildFields: {
    [E.MessageCreate]: ['content', 'author.username', 'author.global_name', 'member.roles', 'timestamp'],
  },
  configSchema: loggingConfigSchema,
  // See the log channels, post through webhooks there, read the audit log.
  botPermissions: P.ViewChannel | P.ManageWebhooks | P.ViewAuditLog,
  commands: [auditCommand],
  batchHandler: loggingBatch,
  api: createLoggingApi(),
  // Automod's rule tester reads the messages still kept (`hub.readLocal('logging', { recent })`).
  readLocal: (ctx, args) => ({ recent: contentStore.recent(ctx.local, ctx.now.getTime(), Math.min(500, Math.max(1, Number((args as { recent?: number } | null)?.recent) || 100))) }),
  // Nothing goes to Postgres: the aligned flush only drops message content past its retention.
  flush: async (ctx) => ({ statements: 0, pending: contentStore.prune(ctx.local, ctx.now.getTime()) }),
};
