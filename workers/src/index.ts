import { createApp } from './app';
import type { Env } from './env';
import { runScheduled } from './platform/runScheduled';
import { flushUsage } from './lib/meterClient';

export { EventInbox } from './durable/EventInbox';
export { GuildHub } from './durable/GuildHub';
export { ShardCoordinator } from './durable/ShardCoordinator';
export { Meter } from './durable/Meter';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    // Each module's `scheduled` hook (platform/runScheduled.ts); event delivery runs on the EventInbox's alarm.
    ctx.waitUntil(runScheduled(env, new Date(controller.scheduledTime)));
    flushUsage(env, (p) => ctx.waitUntil(p));
  },
} satisfies ExportedHandler<Env>;
