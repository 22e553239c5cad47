import { GatewayDispatchEvents as E, GatewayIntentBits, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition, Plan, PlanLimits } from '../../platform/ModuleDefinition';
import { createCustomCommandsApi } from './api';
import { roleButton } from './commands/roleButton';
import { customCommandHandler } from './commands/runCustomCommand';
import { customCommandsConfigSchema } from './config';
import { customConfig } from './customServices';
import { MESSAGE_FIELDS, autoRespond } from './events/autoRespond';
import { syncCommands } from './syncCommands';

const LIMITS: Record<Plan, PlanLimits> = {
  free: { commands: 5, autoResponders: 5 },
  premium: { commands: 50, autoResponders: 50 },
  max: { commands: -1, autoResponders: -1 },
};

/** Admin-defined slash commands and an auto-responder, answered from safe templates (issue #18). */
export const customCommandsModule: ModuleDefinition<typeof customCommandsConfigSchema> = {
  id: 'customcommands',
  name: 'Custom commands',
  description: 'Your own slash commands with options, random answers, embeds and role buttons, and automatic answers to messages matching a trigger',
  icon: '🧩',
  category: 'utility',
  availability: { free: true, premium: true, max: true },
  limits: LIMITS,
  usage: (c) => ({ commands: c.commands.length, autoResponders: c.autoResponders.length }),
  dependencies: [],
  events: [E.MessageCreate],
  intents: [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
  fields: { [E.MessageCreate]: MESSAGE_FIELDS },
  // Message text ships only to guilds where this module is on.
  guildFields: { [E.MessageCreate]: ['content'] },
  configSchema: customCommandsConfigSchema,
  botPermissions: P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.ManageRoles,
  guildCommands: customCommandHandler,
  components: [roleButton],
  batchHandler: autoRespond,
  onEnable: async (ctx) => void (await syncCommands(ctx, ctx.guildId, customConfig(ctx))),
  onConfigChange: async (ctx) => void (await syncCommands(ctx, ctx.guildId, customConfig(ctx))),
  onDisable: async (ctx) => void (await syncCommands(ctx, ctx.guildId, { commands: [] })),
  api: createCustomCommandsApi(),
};
