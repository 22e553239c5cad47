import { coreApi } from './coreRoute';
import { accessRoutes } from './routes/accessRoutes';
import { capabilityRoutes } from './routes/capabilityRoutes';
import { channelRoutes } from './routes/channelRoutes';
import { deadLetterRoutes } from './routes/deadLetterRoutes';
import { discordAuditRoutes } from './routes/discordAuditRoutes';
import { guildRoutes } from './routes/guildRoutes';
import { guildSettingsRoutes } from './routes/guildSettingsRoutes';
import { liveRoutes } from './routes/liveRoutes';
import { memberActionRoutes } from './routes/memberActionRoutes';
import { memberRoutes } from './routes/memberRoutes';
import { meRoutes } from './routes/meRoutes';
import { roleRoutes } from './routes/roleRoutes';
import { usageRoutes } from './routes/usageRoutes';
import { userRoutes } from './routes/userRoutes';
import { wsRoutes } from './routes/wsRoutes';

/**
 * Every core route of `/api` (module and plan routes come from the module system), declared
 * with `@hono/zod-openapi`: the OpenAPI document and the dashboard's typed client
 * (`hc<CoreApi>`) both come from here.
 */
export const coreRoutes = coreApi()
  .route('/', meRoutes)
  .route('/', guildRoutes)
  .route('/', discordAuditRoutes)
  .route('/', guildSettingsRoutes)
  .route('/', capabilityRoutes)
  .route('/', wsRoutes)
  .route('/', liveRoutes)
  .route('/', memberRoutes)
  .route('/', userRoutes)
  .route('/', memberActionRoutes)
  .route('/', channelRoutes)
  .route('/', roleRoutes)
  .route('/', accessRoutes)
  .route('/', deadLetterRoutes)
  .route('/', usageRoutes);

/** The type of the core routes, for the dashboard's typed client (`hc<CoreApi>('/api')`). */
export type CoreApi = typeof coreRoutes;
