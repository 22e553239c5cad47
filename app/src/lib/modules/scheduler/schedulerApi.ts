import { json, moduleClient } from '$lib/api/moduleClient';
import type { SchedulerApi } from '@edge/workers/modules/scheduler';

const client = (g: string) => moduleClient<SchedulerApi>(g, 'scheduler');

/** The Scheduler routes through the typed client. */
export const schedulerApi = {
  overview: (g: string) => json(client(g).overview.$get({ param: { guildId: g } })),
  reminders: (g: string) => json(client(g).reminders.$get({ param: { guildId: g } })),
  deleteReminder: (g: string, id: number) => json(client(g).reminders[':reminderId'].$delete({ param: { guildId: g, reminderId: String(id) } as never })),
};
