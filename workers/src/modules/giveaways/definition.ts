import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createGiveawaysApi } from './api';
import { giveawaysConfigSchema } from './config';
import { endGiveawayJob } from './endGiveaway';
import { enterButton } from './enterButton';
import { giveawayCommand } from './giveawayCommand';

/** Giveaways entered by a button, ended on time by a job, winners drawn by weight (issue #18). */
export const giveawaysModule: ModuleDefinition<typeof giveawaysConfigSchema> = {
  id: 'giveaways',
  name: 'Giveaways',
  description: 'Giveaways entered with a button, with required roles and bonus entries per role; winners drawn on time, announced and DMed; reroll',
  icon: '🎉',
  category: 'engagement',
  availability: { free: true, premium: true, max: true },
  limits: {},
  dependencies: [],
  events: [],
  intents: [],
  configSchema: giveawaysConfigSchema,
  botPermissions: P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory,
  commands: [giveawayCommand],
  components: [enterButton],
  jobs: [endGiveawayJob],
  api: createGiveawaysApi(),
};
