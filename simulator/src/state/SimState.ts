import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import { SnowflakeGenerator } from './snowflake.js';
import type { SimData, SimDispatch, SimGuild, SimMember } from './types.js';
import { SimStateError } from './SimStateError.js';
import { ApplicationStore } from './stores/ApplicationStore.js';
import { UserStore } from './stores/UserStore.js';
import { GuildStore } from './stores/GuildStore.js';
import { ChannelStore } from './stores/ChannelStore.js';
import { RoleStore } from './stores/RoleStore.js';
import { MemberStore } from './stores/MemberStore.js';
import { MessageStore } from './stores/MessageStore.js';
import { VoiceStore } from './stores/VoiceStore.js';
import { AuditLogStore } from './stores/AuditLogStore.js';
import { BanStore } from './stores/BanStore.js';
import { AutoModStore } from './stores/AutoModStore.js';
import { buildGuildCreate, memberPayload } from './payloads.js';
import { computePermissions } from './permissions.js';

/** Options for a new state. */
export interface SimStateOptions {
  /** Clock in ms; swap it for deterministic tests. */
  now?: () => number;
}

/**
 * The simulator's whole world, in memory. Every mutation goes through a store method
 * (`state.members.add`, `state.messages.create`, …) which emits the gateway dispatch Discord
 * would send: `state.on('dispatch', (e: SimDispatch) => …)`.
 */
/** Events of the state: gateway dispatches, and ephemeral messages (never dispatched, shown to one user). */
export interface SimStateEvents {
  dispatch: [SimDispatch];
  ephemeral: [{ channelId: string; userId: string }];
}

export class SimState extends EventEmitter<SimStateEvents> {
  data: SimData = { applications: {}, users: {}, guilds: {}, channels: {}, messages: {} };
  readonly now: () => number;
  /** Id source; `createDemoGuild` swaps in a seeded one while it builds. */
  snowflakes: SnowflakeGenerator;
  private quiet = 0;
  readonly applications = new ApplicationStore(this);
  readonly users = new UserStore(this);
  readonly guilds = new GuildStore(this);
  readonly channels = new ChannelStore(this);
  readonly roles = new RoleStore(this);
  readonly members = new MemberStore(this);
  readonly bans = new BanStore(this);
  readonly messages = new MessageStore(this);
  readonly voice = new VoiceStore(this);
  readonly auditLog = new AuditLogStore(this);
  readonly autoMod = new AutoModStore(this);

  constructor(options: SimStateOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.now = options.now ?? Date.now;
    this.snowflakes = new SnowflakeGenerator(this.now);
  }

  /** Emits one gateway dispatch. Stores call this after mutating. */
  dispatch(t: GatewayDispatchEvents, d: unknown, guildId?: string, userIds?: string[]): void {
    if (this.quiet > 0) return;
    this.emit('dispatch', { t, d, ...(guildId ? { guildId } : {}), ...(userIds ? { userIds } : {}) });
  }

  /** Runs `fn` without emitting dispatches (bulk building before anyone is connected). */
  quietly<T>(fn: () => T): T {
    this.quiet += 1;
    try {
      return fn();
    } finally {
      this.quiet -= 1;
    }
  }

  /** ISO timestamp of the state's clock. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /** The guild, or a typed 404 error (Unknown Guild, 10004). */
  guild(guildId: string): SimGuild {
    const g = this.data.guilds[guildId];
    if (!g) throw new SimStateError(404, 10004, 'Unknown Guild');
    return g;
  }

  /** The member, or a typed 404 error (Unknown Member, 10007). */
  member(guildId: string, userId: string): SimMember {
    const m = this.guild(guildId).members[userId];
    if (!m) throw new SimStateError(404, 10007, 'Unknown Member');
    return m;
  }

  /** The member as Discord sends it (with `user`), or 404 Unknown Member. */
  memberPayload(guildId: string, userId: string) {
    return memberPayload(this.data, this.member(guildId, userId));
  }

  /** GUILD_CREATE payload for a guild, as received by `forUserId` (a bot). */
  guildCreatePayload(guildId: string, forUserId?: string) {
    return buildGuildCreate(this.data, this.guild(guildId), forUserId);
  }

  /** Permissions of a member (in a channel, when given), as a bigint. */
  permissionsOf(guildId: string, userId: string, channelId?: string): bigint {
    const g = this.guild(guildId);
    const channel = channelId ? this.data.channels[channelId] : undefined;
    return computePermissions(g, this.member(guildId, userId), channel, this.data.channels);
  }

  /** Guild ids where `userId` is a member. */
  guildIdsOf(userId: string): string[] {
    return Object.values(this.data.guilds)
      .filter((g) => g.members[userId])
      .map((g) => g.id);
  }

  /** Writes the whole state as JSON. */
  save(file: string): void {
    writeFileSync(file, JSON.stringify(this.data));
  }

  /** Replaces the state with a file written by `save` (no dispatch is emitted). */
  load(file: string): void {
    this.data = JSON.parse(readFileSync(file, 'utf8')) as SimData;
  }
}
