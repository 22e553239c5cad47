import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createEconomyApi } from './api';
import { balanceCommand } from './commands/balanceCommand';
import { dailyCommand, workCommand } from './commands/earnCommands';
import { economyCommand } from './commands/economyCommand';
import { payCommand } from './commands/payCommand';
import { shopCommand } from './commands/shopCommand';
import { economyConfigSchema } from './config';
import { ECONOMY_LIMITS } from './limits';

/** A server currency with a double-entry ledger in Postgres: earnings, payments, a shop (issue #17). */
export const economyModule: ModuleDefinition<typeof economyConfigSchema> = {
  id: 'economy',
  name: 'Economy',
  description: 'A server currency: /daily and /work earnings, /pay between members, a /shop of items and roles, a leaderboard',
  icon: '🪙',
  category: 'engagement',
  availability: { free: true, premium: true, max: true },
  limits: ECONOMY_LIMITS,
  usage: (c) => ({ shopItems: c.shop.length }),
  dependencies: [],
  // Commands only: no gateway event.
  events: [],
  intents: [],
  configSchema: economyConfigSchema,
  // Give the roles sold in the shop.
  botPermissions: P.ManageRoles,
  commands: [balanceCommand, dailyCommand, workCommand, payCommand, shopCommand, economyCommand],
  api: createEconomyApi(),
};
