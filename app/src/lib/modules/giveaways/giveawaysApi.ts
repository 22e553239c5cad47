import { json, moduleClient } from '$lib/api/moduleClient';
import type { GiveawaysApi } from '@edge/workers/modules/giveaways';

const client = (g: string) => moduleClient<GiveawaysApi>(g, 'giveaways');

/** The Giveaways routes through the typed client. */
export const giveawaysApi = {
  list: (g: string) => json(client(g).giveaways.$get({ param: { guildId: g } })),
  end: (g: string, id: number) => json(client(g).giveaways[':giveawayId'].end.$post({ param: { guildId: g, giveawayId: String(id) } as never })),
  reroll: (g: string, id: number) => json(client(g).giveaways[':giveawayId'].reroll.$post({ param: { guildId: g, giveawayId: String(id) } as never })),
};
