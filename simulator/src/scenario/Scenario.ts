import { EventEmitter } from 'node:events';
import type { SimState } from '../state/SimState.js';
import { SeededRandom } from '../state/random.js';
import { GuildModel, channelsByGuild } from './GuildModel.js';
import { createTally, recordEvent, SCENARIO_EVENT_TYPES, type ScenarioEvent, type ScenarioEventType, type ScenarioTally } from './tally.js';
import { performAction } from './actions.js';

/** Options of a {@link Scenario}. */
export interface ScenarioOptions {
  /** Same seed, same guilds → same sequence of actions (default 1). */
  seed?: number | string;
  /** Guilds to animate (default: every guild in the state when the scenario is created). */
  guildIds?: string[];
  /** Relative weight of each event type (defaults favour chat). */
  weights?: Partial<Record<ScenarioEventType, number>>;
  /** Clock for voice seconds and `at` (default: the state's clock). */
  now?: () => number;
  /** Keep every event in `scenario.events` (exact comparisons in tests; memory grows with it). */
  record?: boolean;
}

/**
 * Default mix: mostly chat, some reactions and voice, a trickle of joins and leaves. Edits and
 * deletions are off unless asked for (the demo asks; seeded runs and benches stay as they were).
 */
export const DEFAULT_WEIGHTS: Record<ScenarioEventType, number> = {
  message: 50, reaction: 20, join: 5, leave: 3, voiceJoin: 9, voiceMove: 4, voiceLeave: 9, messageEdit: 0, messageDelete: 0,
};

/**
 * Seeded, deterministic synthetic activity in one or many guilds, driven through the state's
 * mutation methods (so every action reaches the gateway as Discord would send it), with a
 * ground-truth {@link ScenarioTally} of exactly what was produced.
 */
export class Scenario extends EventEmitter<{ event: [ScenarioEvent] }> {
  readonly tally: ScenarioTally = createTally();
  readonly events: ScenarioEvent[] = [];
  readonly now: () => number;
  private readonly rnd: SeededRandom;
  private readonly models: GuildModel[];
  private readonly weights: [ScenarioEventType, number][];
  private readonly totalWeight: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly state: SimState,
    private readonly opts: ScenarioOptions = {},
  ) {
    super();
    this.now = opts.now ?? state.now;
    this.rnd = new SeededRandom(opts.seed ?? 1);
    const ids = opts.guildIds ?? Object.keys(state.data.guilds);
    const channels = channelsByGuild(state);
    this.models = ids.map((id) => new GuildModel(state, id, state.guild(id).owner_id, this.now, channels.get(id) ?? []));
    const w = { ...DEFAULT_WEIGHTS, ...opts.weights };
    this.weights = SCENARIO_EVENT_TYPES.map((t) => [t, Math.max(0, w[t])]);
    this.totalWeight = this.weights.reduce((a, [, n]) => a + n, 0);
    if (this.models.length === 0) throw new Error('scenario: no guild to animate');
    if (this.totalWeight <= 0) throw new Error('scenario: every weight is zero');
  }

  /** Whether a rate-driven run is going on. */
  get running(): boolean {
    return this.timer !== null;
  }

  /** Performs one action; null when the guild changed under it (it is then re-read). */
  step(): ScenarioEvent | null {
    const model = this.rnd.pick(this.models);
    const type = this.pickType();
    let event: ScenarioEvent | null;
    try {
      event = performAction(this.state, model, type, this.rnd, this.now);
    } catch {
      // Someone else (REST, a test) changed the guild: re-read it and carry on.
      this.resync(model);
      return null;
    }
    if (event) this.record(event);
    return event;
  }

  /** Runs `count` actions as fast as possible, yielding to I/O every `yieldEvery`. */
  async run(count: number, yieldEvery = 200): Promise<ScenarioTally> {
    let done = 0;
    let misses = 0;
    while (done < count) {
      if (this.step()) {
        done++;
        misses = 0;
      } else if (++misses > 100) {
        throw new Error('scenario: no action possible (guilds gone or empty)');
      }
      if (done % yieldEvery === 0) await new Promise((r) => setImmediate(r));
    }
    return this.tally;
  }

  /** Plays `rate` actions per second (by the wall clock) until {@link stop}. */
  start(rate: number): void {
    this.stop();
    if (!(rate > 0)) return;
    const t0 = Date.now();
    let done = 0;
    this.timer = setInterval(() => {
      const due = Math.floor(((Date.now() - t0) / 1000) * rate) - done;
      // Catch up after a stall, but never block the loop for long.
      for (let i = 0; i < Math.min(due, 5_000); i++) this.step();
      done += due;
    }, Math.max(5, Math.min(100, Math.floor(1000 / rate))));
    this.timer.unref();
  }

  /** Stops a rate-driven run. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Makes everyone in voice leave (recorded), so voice seconds in the tally are complete. */
  endVoiceSessions(): void {
    for (const model of this.models) {
      for (const userId of [...model.voiceUsers.items]) {
        const event = performAction(this.state, model, 'voiceLeave', this.rnd, this.now, userId);
        if (event) this.record(event);
      }
    }
  }

  private record(event: ScenarioEvent): void {
    recordEvent(this.tally, event);
    if (this.opts.record) this.events.push(event);
    this.emit('event', event);
  }

  private pickType(): ScenarioEventType {
    let x = this.rnd.next() * this.totalWeight;
    for (const [t, w] of this.weights) {
      if (x < w) return t;
      x -= w;
    }
    return 'message';
  }

  private resync(model: GuildModel): void {
    const i = this.models.indexOf(model);
    const g = this.state.data.guilds[model.guildId];
    if (!g) {
      if (this.models.length > 1) this.models.splice(i, 1);
      return;
    }
    this.models[i] = new GuildModel(this.state, model.guildId, g.owner_id, this.now);
  }
}
