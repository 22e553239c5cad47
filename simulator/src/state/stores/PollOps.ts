import { GatewayDispatchEvents, type APIPoll } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { SimStateError } from '../SimStateError.js';
import type { MessageStore } from './MessageStore.js';

/** A poll as a message is created with (Discord's `PollCreateRequest`). */
export interface PollInput {
  question: { text?: string | null };
  answers: { poll_media: { text?: string | null; emoji?: { id?: string | null; name?: string | null } | null } }[];
  duration?: number | null;
  allow_multiselect?: boolean | null;
  layout_type?: number | null;
}

/** The stored poll of a message: Discord's object plus who voted for what (answer id → user ids). */
export type SimPoll = APIPoll & { voters: Record<number, string[]>; ended?: boolean };

/** Discord: a poll lasts 1 hour to 32 days (in hours), 24 by default. */
const MAX_HOURS = 768;

/**
 * Native polls on messages (the Poll object): created with a message, voted by members
 * (MESSAGE_POLL_VOTE_ADD / REMOVE), counted in `poll.results`, ended by time or by
 * `POST /channels/{id}/polls/{message_id}/expire`.
 */
export class PollOps {
  constructor(
    private readonly s: SimState,
    private readonly messages: MessageStore,
  ) {}

  /** The stored poll of a new message. */
  build(input: PollInput): SimPoll {
    const hours = input.duration ?? 24;
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) throw new SimStateError(400, 50035, 'Invalid Form Body: poll.duration');
    return {
      question: { text: input.question.text ?? '' },
      answers: input.answers.map((a, i) => ({
        answer_id: i + 1,
        poll_media: { text: a.poll_media.text ?? '', ...(a.poll_media.emoji ? { emoji: { id: a.poll_media.emoji.id ?? null, name: a.poll_media.emoji.name ?? null } } : {}) },
      })),
      expiry: new Date(this.s.now() + hours * 3_600_000).toISOString(),
      allow_multiselect: input.allow_multiselect ?? false,
      layout_type: input.layout_type ?? 1,
      voters: {},
    } as SimPoll;
  }

  /** Whether the poll is over (expired by time or ended early). */
  over(poll: SimPoll): boolean {
    return poll.ended === true || (poll.expiry !== null && Date.parse(poll.expiry) <= this.s.now());
  }

  /**
   * `userId` votes for `answerIds` (replacing their earlier vote, as the client does); each
   * answer added or withdrawn is one vote event. Refused when the poll is over, or for several
   * answers without multiselect.
   */
  vote(channelId: string, messageId: string, userId: string, answerIds: number[]): void {
    const msg = this.messages.get(channelId, messageId);
    const poll = msg.poll as SimPoll | undefined;
    if (!poll) throw new SimStateError(400, 50035, 'This message has no poll');
    if (this.over(poll)) throw new SimStateError(400, 520001, 'This poll has ended');
    if (answerIds.length > 1 && !poll.allow_multiselect) throw new SimStateError(400, 50035, 'This poll allows one answer');
    const valid = new Set(poll.answers.map((a) => a.answer_id));
    if (answerIds.some((id) => !valid.has(id))) throw new SimStateError(400, 50035, 'Unknown poll answer');
    const guildId = this.s.channels.guildIdOf(channelId);
    const base = { user_id: userId, channel_id: channelId, message_id: messageId, ...(guildId ? { guild_id: guildId } : {}) };
    for (const id of valid) {
      const ids = (poll.voters[id] ??= []);
      const had = ids.includes(userId);
      const wants = answerIds.includes(id);
      if (had === wants) continue;
      if (wants) ids.push(userId);
      else ids.splice(ids.indexOf(userId), 1);
      this.s.dispatch(wants ? GatewayDispatchEvents.MessagePollVoteAdd : GatewayDispatchEvents.MessagePollVoteRemove, { ...base, answer_id: id }, guildId);
    }
  }

  /** Users who voted for an answer, by id, paged like the API (`after`, `limit` ≤ 100). */
  voters(channelId: string, messageId: string, answerId: number, q: { after?: string; limit?: number } = {}): string[] {
    const poll = this.messages.get(channelId, messageId).poll as SimPoll | undefined;
    if (!poll || !poll.answers.some((a) => a.answer_id === answerId)) throw new SimStateError(404, 10008, 'Unknown Message');
    const ids = [...(poll.voters[answerId] ?? [])].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    return ids.filter((id) => !q.after || BigInt(id) > BigInt(q.after)).slice(0, Math.min(Math.max(q.limit ?? 25, 1), 100));
  }

  /** Ends the poll now (its author only); emits MESSAGE_UPDATE with the final results. */
  expire(channelId: string, messageId: string, callerId: string): void {
    const msg = this.messages.get(channelId, messageId);
    const poll = msg.poll as SimPoll | undefined;
    if (!poll) throw new SimStateError(400, 50035, 'This message has no poll');
    if (msg.author.id !== callerId) throw new SimStateError(403, 50005, 'Cannot expire a poll authored by another user');
    if (this.over(poll)) throw new SimStateError(400, 520001, 'This poll has ended');
    poll.ended = true;
    poll.expiry = this.s.isoNow();
    this.messages.touch(channelId, messageId);
  }
}

/** The poll as Discord sends it: counts per answer (`me_voted` for `viewerId`), finalized once over. */
export function pollPayload(poll: SimPoll, over: boolean, viewerId?: string): APIPoll {
  const { voters, ended: _ended, ...rest } = poll;
  return {
    ...rest,
    results: {
      is_finalized: over,
      answer_counts: poll.answers
        .map((a) => ({ id: a.answer_id, count: voters[a.answer_id]?.length ?? 0, me_voted: viewerId ? (voters[a.answer_id] ?? []).includes(viewerId) : false }))
        .filter((c) => c.count > 0),
    },
  };
}
