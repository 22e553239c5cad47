import { json, moduleClient } from '$lib/api/moduleClient';
import { invalidateCached } from '$lib/api/client';
import type { ModerationApi } from '@edge/workers/modules/moderation';

const client = (g: string) => moduleClient<ModerationApi>(g, 'moderation');
const param = (g: string) => ({ guildId: g });

/** Filters of the Cases view (empty strings: no filter). */
export interface CaseFilter {
  targetId?: string;
  actorId?: string;
  type?: string;
  from?: string;
  to?: string;
  before?: number;
}

type Query = Parameters<ReturnType<typeof client>['cases']['$get']>[0]['query'];

/** A dashboard action, as the `/actions` route takes it. */
export type ModAction = Parameters<ReturnType<typeof client>['actions']['$post']>[0]['json'];

const done = <T>(guildId: string, p: Promise<T>) => p.then((v) => (invalidateCached(`/api/guilds/${guildId}`), v));

/** The Moderation routes through the typed client (shapes come from the route declarations). */
export const moderationApi = {
  cases: (g: string, f: CaseFilter) => {
    const query: Record<string, string> = { limit: '50' };
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') query[k] = String(v);
    return json(client(g).cases.$get({ param: param(g), query: query as Query }));
  },
  get: (g: string, number: number) => json(client(g).cases[':number'].$get({ param: { ...param(g), number: String(number) } as never })),
  editReason: (g: string, number: number, reason: string) =>
    json(client(g).cases[':number'].$patch({ param: { ...param(g), number: String(number) } as never, json: { reason } })),
  undo: (g: string, number: number, reason?: string) =>
    done(g, json(client(g).cases[':number'].undo.$post({ param: { ...param(g), number: String(number) } as never, json: reason ? { reason } : {} }))),
  act: (g: string, action: ModAction) => done(g, json(client(g).actions.$post({ param: param(g), json: action }))),
  member: (g: string, userId: string) => json(client(g).members[':userId'].$get({ param: { ...param(g), userId } })),
  addNote: (g: string, userId: string, body: string) => json(client(g).members[':userId'].notes.$post({ param: { ...param(g), userId }, json: { body } })),
};

/** Labels of case types. */
export const CASE_LABEL: Record<string, string> = {
  warn: 'Warning', timeout: 'Timeout', untimeout: 'Timeout lifted', kick: 'Kick', ban: 'Ban', unban: 'Unban', softban: 'Softban',
};

/** `3600` → `1 h`, `90000` → `1 d 1 h`. */
export function shortDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [u, s] of [['w', 604_800], ['d', 86_400], ['h', 3600], ['min', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / s);
    if (n) parts.push(`${n} ${u}`);
    rest -= n * s;
  }
  return parts.slice(0, 2).join(' ') || '0 s';
}
