import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createSchedulerApi } from './api';
import { remindCommand } from './commands/remindCommand';
import { schedulerConfigSchema } from './config';
import { armPosts, postJob } from './jobs/postJob';
import { reminderJob } from './jobs/reminderJob';
import { SCHEDULER_LIMITS } from './limits';
import { schedulerServices } from './schedulerServices';

/** Reminders and scheduled posts, delivered by QStash jobs exactly once (issue #18). */
export const schedulerModule: ModuleDefinition<typeof schedulerConfigSchema> = {
  id: 'scheduler',
  name: 'Scheduler',
  description: 'Reminders with /remind, and posts scheduled once or on a recurring schedule in the server’s time zone, with a calendar and a monthly quota',
  icon: '⏰',
  category: 'utility',
  availability: { free: true, premium: true, max: true },
  limits: SCHEDULER_LIMITS,
  usage: (c) => ({ scheduledPosts: c.posts.length }),
  dependencies: [],
  // Time drives it, not events.
  events: [],
  intents: [],
  configSchema: schedulerConfigSchema,
  botPermissions: P.ViewChannel | P.SendMessages | P.EmbedLinks,
  commands: [remindCommand],
  jobs: [postJob, reminderJob],
  // Each save schedules the posts' next occurrences; jobs of edited or removed posts find themselves stale.
  onEnable: async (ctx) => void (await armPosts(schedulerServices(ctx))),
  onConfigChange: async (ctx) => void (await armPosts(schedulerServices(ctx))),
  api: createSchedulerApi(),
};
