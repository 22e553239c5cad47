import { GatewayDispatchEvents as E, GatewayIntentBits, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createRolesApi } from './api';
import { rolesConfigSchema } from './config';
import { ROLES_LIMITS } from './limits';
import { rolesCommand } from './panelCommand';
import { pickComponent } from './pickComponent';
import { REACTION_FIELDS, reactionHandlers } from './reactionRoles';

/** Self-assignable roles from button and select-menu panels (issue #17). */
export const rolesModule: ModuleDefinition<typeof rolesConfigSchema> = {
  id: 'roles',
  name: 'Role panels',
  description: 'Members pick their own roles from buttons or a menu: toggle, add only, remove only or one of a group, with required and forbidden roles',
  icon: '🎭',
  category: 'engagement',
  availability: { free: true, premium: true, max: true },
  limits: ROLES_LIMITS,
  usage: (c) => ({ panels: c.panels.length, reactionRoles: c.reactionRoles.length }),
  dependencies: [],
  // Panels answer interactions; reaction roles need the reactions.
  events: [E.MessageReactionAdd, E.MessageReactionRemove],
  intents: [GatewayIntentBits.GuildMessageReactions],
  fields: { [E.MessageReactionAdd]: REACTION_FIELDS, [E.MessageReactionRemove]: REACTION_FIELDS },
  configSchema: rolesConfigSchema,
  // Post and edit panels, give and take roles.
  botPermissions: P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ManageRoles,
  commands: [rolesCommand],
  components: [pickComponent],
  eventHandlers: reactionHandlers,
  api: createRolesApi(),
};
