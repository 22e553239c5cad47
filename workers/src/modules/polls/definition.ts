import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createPollsApi } from './api';
import { closePollJob } from './closePoll';
import { pollsConfigSchema } from './config';
import { pollCommand } from './pollCommand';
import { voteComponent } from './voteComponent';

/** Discord's native polls and button polls (issue #17). */
export const pollsModule: ModuleDefinition<typeof pollsConfigSchema> = {
  id: 'polls',
  name: 'Polls',
  description: 'Discord polls from /poll, and button polls for anonymous votes and up to 25 answers; results in the dashboard',
  icon: '📊',
  category: 'engagement',
  availability: { free: true, premium: true, max: true },
  limits: {},
  dependencies: [],
  // Counts are read from the poll's message when it ends: no vote event needed.
  events: [],
  intents: [],
  configSchema: pollsConfigSchema,
  botPermissions: P.ViewChannel | P.SendMessages | P.SendPolls | P.EmbedLinks | P.ReadMessageHistory,
  commands: [pollCommand],
  components: [voteComponent],
  jobs: [closePollJob],
  api: createPollsApi(),
};
