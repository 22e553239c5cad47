import { json, moduleClient } from '$lib/api/moduleClient';
import type { LevelingApi } from '@edge/workers/modules/leveling';

const client = (g: string) => moduleClient<LevelingApi>(g, 'leveling');

/** The Leveling routes through the typed client. */
export const levelingApi = {
  leaderboard: (g: string, page: number, size: number) => json(client(g).leaderboard.$get({ param: { guildId: g }, query: { page: String(page), size: String(size) } as never })),
  member: (g: string, userId: string) => json(client(g).members[':userId'].$get({ param: { guildId: g, userId } })),
  adjust: (g: string, userId: string, op: 'give' | 'take' | 'reset', amount: number) =>
    json(client(g).members[':userId'].xp.$post({ param: { guildId: g, userId }, json: { op, amount } })),
  preview: (g: string, csv: string) => json(client(g).import.preview.$post({ param: { guildId: g }, json: { csv } })),
  import: (g: string, csv: string) => json(client(g).import.$post({ param: { guildId: g }, json: { csv, confirm: true } })),
  rewardIssues: (g: string) => json(client(g).rewards.check.$get({ param: { guildId: g } })),
};

/** One member as the leaderboard and the member card show them. */
export type LevelingMember = Awaited<ReturnType<typeof levelingApi.member>>;
/** What the import preview answers. */
export type ImportPreview = Awaited<ReturnType<typeof levelingApi.preview>>;
