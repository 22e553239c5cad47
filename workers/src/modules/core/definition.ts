import { z } from 'zod';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { aboutCommand } from './commands/about';
import { helpCommand, helpPageButton } from './commands/help';
import { pingCommand } from './commands/ping';
import { planCommand } from './commands/plan';

/** The always-on core module: `/help`, `/ping`, `/about`, `/plan set` (instance owners). It has no config. */
export const coreModule: ModuleDefinition = {
  id: 'core',
  name: 'Core',
  description: 'Help, ping and information about the bot',
  icon: '🧭',
  category: 'core',
  availability: { free: true, premium: true, max: true },
  limits: {},
  dependencies: [],
  events: [],
  intents: [],
  configSchema: z.object({}),
  alwaysOn: true,
  commands: [helpCommand, pingCommand, aboutCommand, planCommand],
  components: [helpPageButton],
};
