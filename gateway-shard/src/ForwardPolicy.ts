import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { project } from './project';

/** What the Worker tells the shard (over `/shard/connect`), persisted as the last known config. */
export interface LinkConfig {
  /**
   * Per guild: the dispatch types some enabled module needs there, then the fields only that
   * guild's modules get, as `TYPE.path` (`MESSAGE_CREATE.content`: content only where Logging is on).
   */
  guilds: Record<string, string[]>;
  /** Needs of a guild the Worker has no row for (always-on modules). */
  defaults?: string[];
  /** Intents the enabled modules need, when the Worker computes them. */
  intents?: number;
  /**
   * Per dispatch type, the payload fields every consumer declared (dotted paths): the shard
   * forwards only those (no message content unless a module asks for it). Types not listed
   * are forwarded whole.
   */
  fields?: Record<string, string[]>;
}

/** Events the platform itself needs in every guild (guild list, names, member counts). */
export const LIFECYCLE_EVENTS: ReadonlySet<string> = new Set([
  GatewayDispatchEvents.GuildCreate,
  GatewayDispatchEvents.GuildUpdate,
  GatewayDispatchEvents.GuildDelete,
  GatewayDispatchEvents.GuildMemberAdd,
  GatewayDispatchEvents.GuildMemberRemove,
]);

/** `TYPE.path` entries of a guild's needs, per type (dispatch type names hold no dot). */
function grantsOf(needs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of needs) {
    const dot = n.indexOf('.');
    if (dot > 0) (out.get(n.slice(0, dot)) ?? out.set(n.slice(0, dot), []).get(n.slice(0, dot))!).push(n.slice(dot + 1));
  }
  return out;
}

/** GUILD_CREATE arrays that can hold thousands of entries and that no lifecycle use needs. */
const GUILD_CREATE_BULK = ['members', 'presences', 'voice_states', 'threads', 'stage_instances', 'guild_scheduled_events', 'soundboard_sounds'];

/**
 * Decides which dispatches leave the shard: lifecycle events always, others only when some
 * enabled module needs them in that guild. Before any config is known it forwards
 * everything (the Worker ignores what no module reads; losing events would be worse).
 */
export class ForwardPolicy {
  #config: LinkConfig | null;
  #needs = new Map<string, Set<string>>();
  #defaults = new Set<string>();
  /** Per guild (and for defaults), per type: the guild-scoped fields added to the projection. */
  #grants = new Map<string, Map<string, string[]>>();
  #defaultGrants = new Map<string, string[]>();

  constructor(config: LinkConfig | null = null) {
    this.#config = null;
    if (config) this.setConfig(config);
  }

  /** The config in force (null: none received yet). */
  get config(): LinkConfig | null {
    return this.#config;
  }

  /** Replaces the whole config (sent by the Worker on connect). */
  setConfig(config: LinkConfig): void {
    this.#config = { guilds: { ...config.guilds }, defaults: config.defaults ?? [], intents: config.intents, fields: config.fields };
    this.#needs = new Map(Object.entries(config.guilds).map(([g, ev]) => [g, new Set(ev)]));
    this.#grants = new Map(Object.entries(config.guilds).map(([g, ev]) => [g, grantsOf(ev)]));
    this.#defaults = new Set(config.defaults ?? []);
    this.#defaultGrants = grantsOf(config.defaults ?? []);
  }

  /** Applies a `module:change` push for one guild. */
  setGuild(guildId: string, events: string[]): void {
    if (!this.#config) this.#config = { guilds: {}, defaults: [] };
    this.#config.guilds[guildId] = [...events];
    this.#needs.set(guildId, new Set(events));
    this.#grants.set(guildId, grantsOf(events));
  }

  /** Whether a dispatch of `type` in `guildId` is forwarded. */
  wants(type: string, guildId: string | null): boolean {
    if (!this.#config || LIFECYCLE_EVENTS.has(type)) return true;
    if (!guildId) return this.#defaults.has(type);
    return (this.#needs.get(guildId) ?? this.#defaults).has(type);
  }

  /**
   * The payload as forwarded: projected to the declared fields when the config lists the
   * type (see {@link LinkConfig.fields}), plus the fields granted to that guild's modules. GUILD_CREATE loses its bulk arrays (a large guild's member
   * list would make megabyte batches), except voice states when a module of the guild
   * tracks voice.
   */
  shape(type: string, guildId: string | null, d: unknown): unknown {
    const fields = this.#config?.fields?.[type];
    if (fields) {
      const extra = (guildId ? (this.#grants.get(guildId) ?? this.#defaultGrants) : this.#defaultGrants).get(type);
      return project(d, extra ? [...fields, ...extra] : fields);
    }
    if (type !== GatewayDispatchEvents.GuildCreate || !d || typeof d !== 'object') return d;
    const keepVoice = this.wants(GatewayDispatchEvents.VoiceStateUpdate, guildId) && !!this.#config;
    const out: Record<string, unknown> = { ...(d as Record<string, unknown>) };
    for (const key of GUILD_CREATE_BULK) if (!(key === 'voice_states' && keepVoice)) delete out[key];
    return out;
  }
}
