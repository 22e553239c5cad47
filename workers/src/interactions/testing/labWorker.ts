/**
 * Test fixture entry point: the real Worker app with the `lab` module (deferral, failures)
 * always on beside core, for integration tests in workerd (`startTestWorker({ entrypoint })`).
 */
import { createApp } from '../../app';
import type { Env } from '../../env';
import { coreModule } from '../../modules/core/definition';
import { labJob, labModule } from './testModules';

export { GuildHub } from '../../durable/GuildHub';
export { ShardCoordinator } from '../../durable/ShardCoordinator';

const app = createApp({ interactions: { modules: [coreModule, { ...labModule, alwaysOn: true }] }, jobs: { jobs: [labJob] } });

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
