import { json, moduleClient } from '$lib/api/moduleClient';
import type { PollsApi } from '$workers/modules/polls/api';

const client = (g: string) => moduleClient<PollsApi>(g, 'polls');

/** The Polls routes through the typed client. */
export const pollsApi = {
  list: (g: string) => json(client(g).polls.$get({ param: { guildId: g } })),
  close: (g: string, id: number) => json(client(g).polls[':pollId'].close.$post({ param: { guildId: g, pollId: String(id) } as never })),
};
