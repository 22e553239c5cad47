import { GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createWelcomeApi } from './api';
import { welcomeCommand } from './commands/welcomeCommand';
import { welcomeConfigSchema, type WelcomeConfig } from './config';
import { memberAdd } from './events/memberAdd';
import { memberRemove } from './events/memberRemove';
import { WELCOME_LIMITS } from './limits';

/** Welcome, leave and autorole (seed 000 "Module Welcome"). */
export const welcomeModule: ModuleDefinition<typeof welcomeConfigSchema> = {
  id: 'welcome',
  name: 'Welcome',
  description: 'Greets new members in a channel or by DM, says goodbye, and gives roles on join',
  icon: '👋',
  category: 'engagement',
  availability: { free: true, premium: true, max: true },
  limits: WELCOME_LIMITS,
  usage: (c: WelcomeConfig) => ({ embeds: c.messageType === 'embed' ? 1 : 0, autoroles: c.autoroles.length }),
  dependencies: [],
  events: [GatewayDispatchEvents.GuildMemberAdd, GatewayDispatchEvents.GuildMemberRemove],
  // GUILD_MEMBER_ADD/REMOVE need the privileged Guild Members intent.
  intents: [GatewayIntentBits.GuildMembers],
  configSchema: welcomeConfigSchema,
  // Post the welcome and leave messages (embeds on premium) and give roles on join.
  botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ManageRoles,
  commands: [welcomeCommand],
  api: createWelcomeApi(),
  eventHandlers: {
    [GatewayDispatchEvents.GuildMemberAdd]: memberAdd,
    [GatewayDispatchEvents.GuildMemberRemove]: memberRemove,
  },
};
