import { json, moduleClient } from '$lib/api/moduleClient';
import type { CustomCommandsApi } from '@edge/workers/modules/customcommands';

const client = (g: string) => moduleClient<CustomCommandsApi>(g, 'customcommands');

/** The Custom commands routes through the typed client. */
export const customCommandsApi = {
  sync: (g: string) => json(client(g).sync.$post({ param: { guildId: g } })),
};
