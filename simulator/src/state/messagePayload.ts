import type { APIMessage } from 'discord-api-types/v10';
import { pollPayload, type SimPoll } from './stores/PollOps.js';

/** A stored message: the API object plus who reacted with what (emoji key → user ids). */
export interface SimMessage extends APIMessage {
  reactors?: Record<string, string[]>;
}

/** Parses an emoji key (`name` for unicode, `name:id` for custom) into Discord's partial emoji. */
export function emojiFromKey(key: string): { id: string | null; name: string } {
  const i = key.lastIndexOf(':');
  return i > 0 ? { name: key.slice(0, i), id: key.slice(i + 1) } : { name: key, id: null };
}

/** The message as Discord sends it; `viewerId` decides each reaction's `me`. */
export function messagePayload(m: SimMessage, viewerId?: string): APIMessage {
  const { reactors, poll, ...rest } = m;
  // A poll's voters stay inside the simulator; its payload has counts only (over by time: wall clock).
  const msg: APIMessage = poll ? { ...rest, poll: pollPayload(poll as SimPoll, (poll as SimPoll).ended === true || Date.parse(poll.expiry ?? '') <= Date.now(), viewerId) } : rest;
  const entries = Object.entries(reactors ?? {}).filter(([, ids]) => ids.length > 0);
  if (!entries.length) return { ...msg };
  return {
    ...msg,
    reactions: entries.map(([key, ids]) => ({
      emoji: emojiFromKey(key),
      count: ids.length,
      count_details: { burst: 0, normal: ids.length },
      me: viewerId ? ids.includes(viewerId) : false,
      me_burst: false,
      burst_colors: [],
    })),
  };
}
