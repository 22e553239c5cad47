import { json, moduleClient } from '$lib/api/moduleClient';
import type { AutomodApi } from '@edge/workers/modules/automod';

const client = (g: string) => moduleClient<AutomodApi>(g, 'automod');
const param = (g: string) => ({ guildId: g });

/** What the tester is asked: the draft config and what to run it on. */
export interface TestRequest {
  config: Record<string, unknown>;
  texts: string[];
  recent: boolean;
  accountAgeDays: number;
}

/** What the tester answers (the route's 200). */
export interface TestResult {
  results: { source: 'text' | 'recent'; text: string; authorId: string | null; authorName: string | null; caught: { rule: string; by: 'discord' | 'bot'; action: string; reason: string }[] }[];
  recent: 'used' | 'none' | 'logging_off';
}

/** Names of our rules, as the settings form titles them. */
export const RULE_LABEL: Record<string, string> = {
  rate: 'Message rate', duplicates: 'Duplicate messages', invites: 'Invite links', links: 'Links', caps: 'Capitals', emoji: 'Emoji flood', attachments: 'Attachments',
};
/** What our actions do, in words. */
export const ACTION_LABEL: Record<string, string> = {
  delete: 'Delete', warn: 'Delete + warn', timeout: 'Delete + time out', kick: 'Delete + kick', ban: 'Delete + ban', log: 'Log only',
};

/** The Automod routes through the typed client. */
export const automodApi = {
  raid: (g: string) => json(client(g).raid.$get({ param: param(g) })),
  startRaid: (g: string) => json(client(g).raid.start.$post({ param: param(g) })),
  endRaid: (g: string, liftTimeouts: boolean) => json(client(g).raid.end.$post({ param: param(g), json: { liftTimeouts } })),
  test: (g: string, req: TestRequest): Promise<TestResult> => json(client(g).test.$post({ param: param(g), json: req })) as Promise<TestResult>,
};
