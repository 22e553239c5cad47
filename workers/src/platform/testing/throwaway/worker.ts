/**
 * Test entry point: the real Worker with the throwaway module registered from its folder
 * (`startTestWorker({ entrypoint })`). Registration happens before the app is built, so the
 * interactions endpoint, jobs, module API, docs and the hub all see the module.
 */
import { createApp } from '../../../app';
import type { Env } from '../../../env';
import type { ModuleDefinition } from '../../ModuleDefinition';
import { registry } from '../../registry';
import { throwawayModule } from './definition';

export { EventInbox } from '../../../durable/EventInbox';
export { GuildHub } from '../../../durable/GuildHub';
export { ShardCoordinator } from '../../../durable/ShardCoordinator';
export { Meter } from '../../../durable/Meter';

registry.register(throwawayModule as ModuleDefinition);
const app = createApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
