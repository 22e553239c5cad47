import { json, moduleClient } from '$lib/api/moduleClient';
import type { EconomyApi } from '@edge/workers/modules/economy';

const client = (g: string) => moduleClient<EconomyApi>(g, 'economy');

/** The Economy routes through the typed client. */
export const economyApi = {
  leaderboard: (g: string, limit = 10) => json(client(g).leaderboard.$get({ param: { guildId: g }, query: { limit: String(limit) } as never })),
  member: (g: string, userId: string) => json(client(g).members[':userId'].$get({ param: { guildId: g, userId }, query: {} as never })),
  adjust: (g: string, userId: string, body: { action: 'give' | 'take'; amount: number; reason?: string }) =>
    json(client(g).members[':userId'].adjust.$post({ param: { guildId: g, userId }, json: body })),
};

/** `💎 1,250 gems`. */
export const formatMoney = (c: { symbol: string; name: string }, n: number) => `${c.symbol} ${n.toLocaleString()} ${c.name}`;

/** What a ledger line's kind means to an admin. */
export const KIND_LABEL: Record<string, string> = {
  daily: '/daily', work: '/work', pay: 'Payment', buy: 'Shop purchase', refund: 'Refund', give: 'Given by an admin', take: 'Taken by an admin',
};
