import type { RouteSpec } from './defineRoute';
import { accessRoutes } from './routes/accessRoutes';
import { capabilityRoutes } from './routes/capabilityRoutes';
import { channelRoutes } from './routes/channelRoutes';
import { deadLetterRoutes } from './routes/deadLetterRoutes';
import { guildRoutes } from './routes/guildRoutes';
import { memberActionRoutes } from './routes/memberActionRoutes';
import { memberRoutes } from './routes/memberRoutes';
import { meRoutes } from './routes/meRoutes';
import { roleRoutes } from './routes/roleRoutes';
import { userRoutes } from './routes/userRoutes';
import { discordAuditRoutes } from './routes/discordAuditRoutes';
import { guildSettingsRoutes } from './routes/guildSettingsRoutes';
import { liveRoutes } from './routes/liveRoutes';
import { usageRoutes } from './routes/usageRoutes';
import { wsRoutes } from './routes/wsRoutes';

/** Every route this area defines (module and plan routes come from the module system's sub-apps). */
export const apiSpecs: RouteSpec[] = [
  ...meRoutes,
  ...guildRoutes,
  ...discordAuditRoutes,
  ...guildSettingsRoutes,
  ...capabilityRoutes,
  ...wsRoutes,
  ...liveRoutes,
  ...memberRoutes,
  ...userRoutes,
  ...memberActionRoutes,
  ...channelRoutes,
  ...roleRoutes,
  ...accessRoutes,
  ...deadLetterRoutes,
  ...usageRoutes,
];
