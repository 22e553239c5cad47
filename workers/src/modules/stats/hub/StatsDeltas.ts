/** Per 5-minute bucket (epoch ms) and channel ('' = guild-level: joins, leaves). */
export type RollupDelta = [bucket: number, channelId: string, messages: number, reactions: number, joins: number, leaves: number, voiceMs: number];
/** Per UTC day (epoch ms) and member. */
export type MemberDayDelta = [day: number, userId: string, messages: number, reactions: number, voiceMs: number];
/** Per member, cumulative; times in epoch ms (null: none in these deltas). */
export type TotalsDelta = [userId: string, messages: number, reactions: number, joins: number, leaves: number, voiceMs: number, lastJoinedAt: number | null, lastActiveAt: number | null];
/** A member's latest voice state: channel (null: left voice) since, ordered by (since, event id). */
export type VoiceStateDelta = [userId: string, channelId: string | null, since: number, eventId: string];

/** The JSON form of {@link StatsDeltas} (journal rows, flush statements, reads). */
export interface StatsDeltasJson {
  r: RollupDelta[];
  m: MemberDayDelta[];
  t: TotalsDelta[];
  v: VoiceStateDelta[];
}

const FIVE_MIN = 300_000;
const DAY = 86_400_000;
const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * What Stats counted and Postgres does not have yet: additive increments keyed like the
 * Postgres rollups (so a flush is `x = x + delta` upserts), plus each member's latest voice
 * state. Voice re-crediting may add negative increments; they sum to the exact figure.
 */
export class StatsDeltas {
  readonly r = new Map<string, RollupDelta>();
  readonly m = new Map<string, MemberDayDelta>();
  readonly t = new Map<string, TotalsDelta>();
  readonly v = new Map<string, VoiceStateDelta>();

  get empty(): boolean {
    return this.r.size + this.m.size + this.t.size + this.v.size === 0;
  }

  #rollup(at: number, channelId: string): RollupDelta {
    const bucket = Math.floor(at / FIVE_MIN) * FIVE_MIN;
    const key = `${bucket}|${channelId}`;
    return this.r.get(key) ?? this.r.set(key, [bucket, channelId, 0, 0, 0, 0, 0]).get(key)!;
  }

  #memberDay(at: number, userId: string): MemberDayDelta {
    const day = Math.floor(at / DAY) * DAY;
    const key = `${day}|${userId}`;
    return this.m.get(key) ?? this.m.set(key, [day, userId, 0, 0, 0]).get(key)!;
  }

  #totals(userId: string): TotalsDelta {
    return this.t.get(userId) ?? this.t.set(userId, [userId, 0, 0, 0, 0, 0, null, null]).get(userId)!;
  }

  /** A message (`kind` 0) or a reaction (1) by a member in a channel at `at`. */
  activity(kind: 0 | 1, userId: string, channelId: string, at: number): void {
    const r = this.#rollup(at, channelId);
    const m = this.#memberDay(at, userId);
    const t = this.#totals(userId);
    if (kind === 0) {
      r[2]++; m[2]++; t[1]++;
    } else {
      r[3]++; m[3]++; t[2]++;
    }
    t[7] = max(t[7], at);
  }

  /** A join (`kind` 0) or a leave (1). */
  membership(kind: 0 | 1, userId: string, at: number): void {
    const r = this.#rollup(at, '');
    const t = this.#totals(userId);
    if (kind === 0) {
      r[4]++; t[3]++;
      t[6] = max(t[6], at);
    } else {
      r[5]++; t[4]++;
    }
  }

  /** A voice state change (the member was active then; time is credited by {@link voiceMs}). */
  voiceChange(userId: string, channelId: string | null, at: number, eventId: string): void {
    const t = this.#totals(userId);
    t[7] = max(t[7], at);
    const cur = this.v.get(userId);
    if (!cur || cur[2] < at || (cur[2] === at && cur[3] < eventId)) this.v.set(userId, [userId, channelId, at, eventId]);
  }

  /** `ms` of voice (negative: taken back) in a channel, within one 5-minute bucket starting at `bucket`. */
  voiceMs(userId: string, channelId: string, bucket: number, ms: number): void {
    this.#rollup(bucket, channelId)[6] += ms;
    this.#memberDay(bucket, userId)[4] += ms;
    this.#totals(userId)[5] += ms;
  }

  /** Adds another set of deltas into this one. */
  merge(o: StatsDeltasJson | StatsDeltas): this {
    const json = o instanceof StatsDeltas ? o.toJSON() : o;
    for (const [b, c, msg, re, j, l, ms] of json.r) {
      const row = this.#rollup(b, c);
      row[2] += msg; row[3] += re; row[4] += j; row[5] += l; row[6] += ms;
    }
    for (const [d, u, msg, re, ms] of json.m) {
      const row = this.#memberDay(d, u);
      row[2] += msg; row[3] += re; row[4] += ms;
    }
    for (const [u, msg, re, j, l, ms, lj, la] of json.t) {
      const row = this.#totals(u);
      row[1] += msg; row[2] += re; row[3] += j; row[4] += l; row[5] += ms;
      row[6] = max(row[6], lj);
      row[7] = max(row[7], la);
    }
    for (const [u, c, at, e] of json.v) {
      const cur = this.v.get(u);
      if (!cur || cur[2] < at || (cur[2] === at && cur[3] < e)) this.v.set(u, [u, c, at, e]);
    }
    return this;
  }

  /** Rows with every counter zero are left out (a voice stretch re-credited the same nets to nothing). */
  toJSON(): StatsDeltasJson {
    return {
      r: [...this.r.values()].filter((x) => x[2] || x[3] || x[4] || x[5] || x[6]),
      m: [...this.m.values()].filter((x) => x[2] || x[3] || x[4]),
      t: [...this.t.values()],
      v: [...this.v.values()],
    };
  }
}
