import { createApp } from './app';
import type { Env } from './env';

export { GuildHub } from './durable/GuildHub';
export { ShardCoordinator } from './durable/ShardCoordinator';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, _env: Env, _ctx: ExecutionContext): Promise<void> {
    // Cron jobs (retention, rollups, ingest sweep) register here as modules land.
  },
} satisfies ExportedHandler<Env>;
