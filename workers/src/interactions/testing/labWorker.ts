/**
 * Test fixture entry point: the real Worker app serving every registered module plus the
 * `lab` module (deferral, failures), always on, for integration tests in workerd
 * (`startTestWorker({ entrypoint })`).
 */
import { createApp } from '../../app';
import type { Env } from '../../env';
import { registry } from '../../platform/registry';
import { labJob, labModule } from './testModules';

export { EventInbox } from '../../durable/EventInbox';
export { GuildHub } from '../../durable/GuildHub';
export { ShardCoordinator } from '../../durable/ShardCoordinator';
export { Meter } from '../../durable/Meter';

const app = createApp({ interactions: { modules: [...registry.all(), { ...labModule, alwaysOn: true }] }, jobs: { jobs: [labJob] } });

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
