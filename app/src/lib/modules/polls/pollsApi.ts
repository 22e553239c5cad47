import { json, moduleClient } from '$lib/api/moduleClient';
import type { PollsApi } from '@edge/workers/modules/polls';

const client = (g: string) => moduleClient<PollsApi>(g, 'polls');

/** The Polls routes through the typed client. */
export const pollsApi = {
  create: (g: string, body: NewPoll) => json(client(g).polls.$post({ param: { guildId: g }, json: body })),
  list: (g: string) => json(client(g).polls.$get({ param: { guildId: g } })),
  close: (g: string, id: number) => json(client(g).polls[':pollId'].close.$post({ param: { guildId: g, pollId: String(id) } as never })),
};

/** A new poll as the `POST /polls` route takes it. */
export type NewPoll = Parameters<ReturnType<typeof client>['polls']['$post']>[0]['json'];
