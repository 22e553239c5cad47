import { PermissionFlagsBits as P, Routes, type APIMessage } from 'discord-api-types/v10';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import type { GuildAuthority } from '../../permissions';
import { pollStore, type Poll } from './data/pollStore';
import { CLOSE_JOB, scheduleClose } from './closePoll';
import { pollMessage } from './pollMessage';
import type { PollServices } from './pollServices';

/** What a new poll is. */
export interface PollInput {
  channelId: string;
  question: string;
  answers: string[];
  hours: number;
  multiselect: boolean;
  /** `native`: Discord's poll (≤ 10 answers of ≤ 55 characters, not anonymous); `buttons`: ours. */
  kind: 'native' | 'buttons';
  anonymous: boolean;
}

const invalid = (message: string) => new HttpError(400, message, { code: 'PollInvalid' });

/** Checks the shape Discord (native) or Discord's components (buttons) allow. */
export function validatePoll(p: PollInput): void {
  if (!p.question.trim() || p.question.length > 300) throw invalid('The question needs 1 to 300 characters');
  if (p.answers.length < 2) throw invalid('A poll needs at least two answers (separate them with |)');
  if (new Set(p.answers.map((a) => a.toLowerCase())).size !== p.answers.length) throw invalid('Two answers are the same');
  if (!Number.isInteger(p.hours) || p.hours < 1 || p.hours > 768) throw invalid('The duration is 1 to 768 hours (32 days)');
  if (p.kind === 'native') {
    if (p.answers.length > 10) throw invalid('Discord polls have at most 10 answers: use a button poll for more');
    if (p.answers.some((a) => a.length > 55)) throw invalid('Answers of Discord polls have at most 55 characters');
    if (p.anonymous) throw invalid('Discord polls show who voted: use a button poll for an anonymous one');
  } else {
    if (p.answers.length > 25) throw invalid('A button poll has at most 25 answers');
    if (p.answers.some((a) => a.length > 80)) throw invalid('Answers have at most 80 characters');
  }
}

/**
 * Posts a poll in a channel where the actor may send polls (Send Messages and Send Polls there):
 * a native poll is a message with Discord's `poll` object; a button poll our embed and buttons.
 * Either way the poll is recorded and its close scheduled (`polls.close` at its end) so the
 * results reach the dashboard.
 */
export async function createPoll(s: PollServices, actor: GuildAuthority, channel: { id: string; permission_overwrites?: unknown[] }, input: PollInput, sign: (prefix: string, ...state: string[]) => Promise<string>): Promise<Poll> {
  validatePoll(input);
  actor.require(P.SendMessages | P.SendPolls, channel as never);
  const endsAt = new Date(Date.now() + input.hours * 3_600_000);
  const poll = await pollStore.create(s.db, s.guildId, {
    channelId: input.channelId, kind: input.kind, question: input.question.trim(), answers: input.answers, multiselect: input.multiselect, anonymous: input.anonymous, createdBy: actor.actor!.userId, endsAt,
  });
  const body =
    input.kind === 'native'
      ? { poll: { question: { text: poll.question }, answers: poll.answers.map((text) => ({ poll_media: { text } })), duration: input.hours, allow_multiselect: input.multiselect }, allowed_mentions: { parse: [] } }
      : await pollMessage(poll, sign);
  const message = await discordCall<APIMessage>(() => s.rest.post(Routes.channelMessages(input.channelId), { body }));
  await pollStore.setMessage(s.db, s.guildId, poll.id, message.id);
  await scheduleClose(s, poll);
  return { ...poll, messageId: message.id };
}

export { CLOSE_JOB };
