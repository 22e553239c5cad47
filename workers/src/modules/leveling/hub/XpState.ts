import type { LevelingConfig } from '../config';
import { messageXp } from '../curve';

/**
 * A member's leveling state as the hub keeps it: totals, the time their last message earned XP
 * (cooldown), and their voice state (channel, deafened, holds a no-XP role, since when their
 * voice time is settled, and the eligible milliseconds not yet turned into whole minutes).
 */
export interface MemberXp {
  xp: number;
  msgs: number;
  voiceMin: number;
  last: number;
  ch: string | null;
  deaf: boolean;
  blocked: boolean;
  since: number;
  rem: number;
}

/** Stored as a tuple (journal rows and snapshots hold thousands of them). */
export type MemberXpTuple = [number, number, number, number, string | null, 0 | 1, 0 | 1, number, number];

export const toTuple = (m: MemberXp): MemberXpTuple => [m.xp, m.msgs, m.voiceMin, m.last, m.ch, m.deaf ? 1 : 0, m.blocked ? 1 : 0, m.since, m.rem];
export const fromTuple = (t: MemberXpTuple): MemberXp => ({ xp: t[0], msgs: t[1], voiceMin: t[2], last: t[3], ch: t[4], deaf: t[5] === 1, blocked: t[6] === 1, since: t[7], rem: t[8] });

/** What one change did to one member's totals (added to the flush generation). */
export interface XpGain {
  userId: string;
  xp: number;
  msgs: number;
  voiceMin: number;
}

/** A voice interval longer than this (a missed leave) is credited this much, not days. */
export const MAX_VOICE_INTERVAL_MS = 12 * 3_600_000;

type Rules = Pick<LevelingConfig, 'messageXpMin' | 'messageXpMax' | 'cooldownSeconds' | 'voiceXpPerMinute' | 'channelMultipliers' | 'noXpChannelIds' | 'noXpRoleIds'>;

const blank = (): MemberXp => ({ xp: 0, msgs: 0, voiceMin: 0, last: 0, ch: null, deaf: false, blocked: false, since: 0, rem: 0 });

/**
 * The guild's XP rules applied to its members' state, in the order events are processed. Pure
 * memory: the ledger journals what changed. Voice: a member earns while in a channel that is
 * not a no-XP one, not deafened (self or server), without a no-XP role, and not alone (another
 * member is in the channel); every change in a channel settles its occupants up to that
 * instant, so who was alone when is exact.
 */
export class XpState {
  readonly members = new Map<string, MemberXp>();
  readonly #rooms = new Map<string, Set<string>>();

  /** Loads members (a snapshot or the journal's latest states), rebuilding the channel occupancy. */
  load(entries: Iterable<[string, MemberXp]>): void {
    for (const [id, m] of entries) {
      const old = this.members.get(id);
      if (old?.ch) this.#rooms.get(old.ch)?.delete(id);
      this.members.set(id, m);
      if (m.ch) this.#room(m.ch).add(id);
    }
  }

  get(userId: string): MemberXp {
    return this.members.get(userId) ?? blank();
  }

  #mutable(userId: string): MemberXp {
    return this.members.get(userId) ?? this.members.set(userId, blank()).get(userId)!;
  }

  #room(ch: string): Set<string> {
    return this.#rooms.get(ch) ?? this.#rooms.set(ch, new Set()).get(ch)!;
  }

  /** A message: XP unless a bot, a no-XP channel or role, or within the member's cooldown. */
  message(r: Rules, e: { userId: string; channelId: string; roles: readonly string[]; at: number; eventId: string }): XpGain | null {
    if (r.noXpChannelIds.includes(e.channelId) || e.roles.some((id) => r.noXpRoleIds.includes(id))) return null;
    const m = this.#mutable(e.userId);
    if (m.last > 0 && e.at - m.last < r.cooldownSeconds * 1000) return null;
    const xp = Math.round(messageXp(e.eventId, r.messageXpMin, r.messageXpMax) * multiplier(r, e.channelId));
    m.last = e.at;
    m.xp += xp;
    m.msgs += 1;
    return { userId: e.userId, xp, msgs: 1, voiceMin: 0 };
  }

  /** A voice state change: settles both channels' occupants up to `at`, then moves the member. */
  voice(r: Rules, e: { userId: string; channelId: string | null; deaf: boolean; roles: readonly string[]; at: number }): XpGain[] {
    const m = this.#mutable(e.userId);
    const gains = [...(m.ch ? this.#settle(r, m.ch, e.at) : []), ...(e.channelId && e.channelId !== m.ch ? this.#settle(r, e.channelId, e.at) : [])];
    if (m.ch) this.#rooms.get(m.ch)?.delete(e.userId);
    m.ch = e.channelId;
    m.deaf = e.deaf;
    m.blocked = e.roles.some((id) => r.noXpRoleIds.includes(id));
    m.since = e.at;
    if (m.ch) this.#room(m.ch).add(e.userId);
    return gains;
  }

  /** Credits the eligible time of a channel's occupants up to `at`. */
  #settle(r: Rules, ch: string, at: number): XpGain[] {
    const room = this.#rooms.get(ch);
    if (!room) return [];
    const gains: XpGain[] = [];
    const company = room.size >= 2;
    for (const id of room) {
      const o = this.members.get(id)!;
      const ms = Math.max(0, Math.min(at - o.since, MAX_VOICE_INTERVAL_MS));
      o.since = Math.max(o.since, at);
      if (!company || o.deaf || o.blocked || r.voiceXpPerMinute === 0 || r.noXpChannelIds.includes(ch) || ms === 0) continue;
      o.rem += ms;
      const minutes = Math.floor(o.rem / 60_000);
      if (minutes === 0) continue;
      o.rem -= minutes * 60_000;
      const xp = Math.round(minutes * r.voiceXpPerMinute * multiplier(r, ch));
      o.xp += xp;
      o.voiceMin += minutes;
      gains.push({ userId: id, xp, msgs: 0, voiceMin: minutes });
    }
    return gains;
  }

  /** Sets a member's XP (admin give/take/reset, CSV import); never below 0. */
  setXp(userId: string, xp: number, counts?: { msgs?: number }): XpGain {
    const m = this.#mutable(userId);
    const next = Math.max(0, Math.round(xp));
    const gain = { userId, xp: next - m.xp, msgs: counts?.msgs !== undefined ? counts.msgs - m.msgs : 0, voiceMin: 0 };
    m.xp = next;
    if (counts?.msgs !== undefined) m.msgs = counts.msgs;
    return gain;
  }

  /** Members by XP, highest first (ties by id, so pages are stable). */
  ranking(): [string, MemberXp][] {
    return [...this.members].filter(([, m]) => m.xp > 0).sort((a, b) => b[1].xp - a[1].xp || (a[0] < b[0] ? -1 : 1));
  }
}

/** The XP multiplier of a channel (1 when none is set). */
export function multiplier(r: Pick<Rules, 'channelMultipliers'>, channelId: string): number {
  return r.channelMultipliers.find((c) => c.channelId === channelId)?.multiplier ?? 1;
}
