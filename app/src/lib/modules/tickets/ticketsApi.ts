import { json, moduleClient } from '$lib/api/moduleClient';
import type { TicketsApi } from '@edge/workers/modules/tickets';

const client = (g: string) => moduleClient<TicketsApi>(g, 'tickets');

/** The Tickets routes through the typed client. */
export const ticketsApi = {
  list: (g: string) => json(client(g).tickets.$get({ param: { guildId: g } })),
  stats: (g: string) => json(client(g).stats.$get({ param: { guildId: g } })),
  postPanel: (g: string, channelId: string) => json(client(g).panel.$post({ param: { guildId: g }, json: { channelId } })),
  /** The transcript page's address (opened in a new tab: the session cookie authorizes it). */
  transcriptUrl: (g: string, id: number) => `/api/guilds/${g}/modules/tickets/tickets/${id}/transcript`,
};
