import type { StatsDeltas } from './StatsDeltas';

/** One voice state change of a member: the channel after it (null: left voice). */
export interface VoiceChange {
  at: number;
  eventId: string;
  channelId: string | null;
}

const FIVE_MIN = 300_000;
/** A voice interval longer than this (a missed leave) is credited this much, not days. */
export const MAX_VOICE_INTERVAL_MS = 24 * 3_600_000;

/** Orders changes by time, then event id (the same order whatever batch they came in). */
export const byTimeThenId = (a: VoiceChange, b: VoiceChange) => a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/**
 * Credits (sign 1) or takes back (-1) the voice time of a member's ordered changes: each
 * change opens an interval to the next one (capped at {@link MAX_VOICE_INTERVAL_MS}) in its
 * channel, split on 5-minute buckets so days add up exactly. The last change stays open: it is
 * credited once a later change closes it.
 */
export function creditVoice(deltas: StatsDeltas, userId: string, changes: readonly VoiceChange[], sign: 1 | -1): void {
  for (let i = 0; i + 1 < changes.length; i++) {
    const { at: start, channelId } = changes[i]!;
    if (channelId === null) continue;
    const end = Math.min(changes[i + 1]!.at, start + MAX_VOICE_INTERVAL_MS);
    for (let b = Math.floor(start / FIVE_MIN) * FIVE_MIN; b < end; b += FIVE_MIN) {
      const ms = Math.min(end, b + FIVE_MIN) - Math.max(start, b);
      if (ms > 0) deltas.voiceMs(userId, channelId, b, sign * ms);
    }
  }
}
