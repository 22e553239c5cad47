import { EventEmitter } from 'node:events';
import { GatewayOpcodes } from 'discord-api-types/v10';
import type { SimState } from '../state/SimState.js';
import type { SimDispatch } from '../state/types.js';
import type { GatewayConnection } from './GatewayConnection.js';
import { GatewaySession, shardKeyOf } from './GatewaySession.js';
import { IdentifyLimiter } from './IdentifyLimiter.js';
import { intentFor } from './intents.js';
import { shapePayload } from './shapePayload.js';
import { handleIdentify } from './handleIdentify.js';
import { handleResume } from './handleResume.js';
import { handleRequestGuildMembers } from './handleRequestGuildMembers.js';
import type { GatewayCounters, GatewayLogger, GatewayOptions, GatewaySessionInfo, GatewayTarget } from './types.js';

/** Options with every default filled in. */
export type GatewayConfig = Required<Omit<GatewayOptions, 'publicUrl' | 'logger'>> & { publicUrl?: string };

/** Events tests can await: `identify`, `resume`, `close`. */
export interface GatewayHubEvents {
  identify: [{ sessionId: string; applicationId: string; shard: [number, number] }];
  resume: [{ sessionId: string; replayed: number }];
  close: [{ code: number; sessionId?: string }];
}

/**
 * The gateway's shared state: live sessions, routing of state dispatches to them
 * (membership, shard, intents, per-session shaping), and the test controls.
 */
export class GatewayHub {
  readonly sessions = new Map<string, GatewaySession>();
  readonly connections = new Set<GatewayConnection>();
  readonly limiter: IdentifyLimiter;
  readonly events = new EventEmitter<GatewayHubEvents>();
  readonly counters: GatewayCounters = {
    connections: 0, identifies: 0, resumes: 0, dispatched: 0, replayed: 0,
    heartbeats: 0, reconnectsSent: 0, invalidSessionsSent: 0, closes: {},
  };
  private readonly shardKeys = new Map<string, number>();
  private readonly onDispatch = (e: SimDispatch) => this.route(e);

  constructor(
    readonly state: SimState,
    readonly config: GatewayConfig,
    readonly url: () => string,
    private readonly logger?: GatewayLogger,
  ) {
    this.limiter = new IdentifyLimiter(config.maxConcurrency, config.identifyWindowMs, config.sessionStartLimit);
    state.on('dispatch', this.onDispatch);
  }

  /** Structured log (no-op without a logger). */
  log(entry: Parameters<GatewayLogger>[0]): void {
    this.logger?.(entry);
  }

  identify(conn: GatewayConnection, d: unknown): void {
    handleIdentify(this, conn, d);
  }

  resume(conn: GatewayConnection, d: unknown): void {
    handleResume(this, conn, d);
  }

  requestGuildMembers(conn: GatewayConnection, d: unknown): void {
    handleRequestGuildMembers(this, conn, d);
  }

  /** Cached `guild_id >> 22`. */
  shardKey(guildId: string): number {
    let k = this.shardKeys.get(guildId);
    if (k === undefined) this.shardKeys.set(guildId, (k = shardKeyOf(guildId)));
    return k;
  }

  /** Sends a state dispatch to every session that would receive it on Discord. */
  private route(e: SimDispatch): void {
    if (this.sessions.size === 0) return;
    let baseJson: string | undefined;
    for (const session of this.sessions.values()) {
      if (!this.reaches(session, e)) continue;
      const needed = intentFor(e.t, e.guildId !== undefined);
      if (needed && !(session.intents & needed)) continue;
      const shaped = shapePayload(e.t, e.d, session.shape);
      const json = shaped === e.d ? (baseJson ??= JSON.stringify(e.d)) : JSON.stringify(shaped);
      if (session.dispatch(e.t, json)) this.counters.dispatched++;
    }
  }

  /**
   * Guild events reach member bots on the owning shard; events addressed to users (DMs, a bot's
   * own GUILD_CREATE / GUILD_DELETE) reach only those users.
   */
  private reaches(session: GatewaySession, e: SimDispatch): boolean {
    if (e.userIds && !e.userIds.includes(session.botUserId)) return false;
    if (e.guildId !== undefined) {
      if (!session.ownsShardKey(this.shardKey(e.guildId))) return false;
      const isMember = this.state.data.guilds[e.guildId]?.members[session.botUserId] !== undefined;
      const wasMember = session.guildIds.has(e.guildId);
      if (isMember) session.guildIds.add(e.guildId);
      else session.guildIds.delete(e.guildId);
      return isMember || wasMember;
    }
    return true;
  }

  /** The socket went away: the session stays resumable unless the client closed with 1000/1001. */
  detach(conn: GatewayConnection, code: number): void {
    this.connections.delete(conn);
    this.events.emit('close', { code, sessionId: conn.session?.id });
    const session = conn.session;
    conn.session = null;
    if (!session || session.connection !== conn) return;
    session.connection = null;
    if (code === 1000 || code === 1001) return this.deleteSession(session);
    this.armExpiry(session);
  }

  /** Starts the countdown after which a disconnected session can no longer be resumed. */
  armExpiry(session: GatewaySession): void {
    if (session.expiry) clearTimeout(session.expiry);
    session.expiry = setTimeout(() => this.deleteSession(session), this.config.resumeTimeoutMs);
    session.expiry.unref();
  }

  /** Forgets a session (its connection, if any, stays open but unauthenticated). */
  deleteSession(session: GatewaySession): void {
    if (session.expiry) clearTimeout(session.expiry);
    this.sessions.delete(session.id);
  }

  countClose(code: number): void {
    this.counters.closes[code] = (this.counters.closes[code] ?? 0) + 1;
  }

  /** Connections matching a target (all when empty). */
  select(target: GatewayTarget = {}): GatewayConnection[] {
    return [...this.connections].filter((c) => {
      const s = c.session;
      if (target.sessionId !== undefined && s?.id !== target.sessionId) return false;
      if (target.applicationId !== undefined && s?.applicationId !== target.applicationId) return false;
      if (target.shardId !== undefined && s?.shard[0] !== target.shardId) return false;
      return true;
    });
  }

  /** Sends op 9; when not resumable the session is gone and the client must identify again. */
  invalidate(conn: GatewayConnection, resumable: boolean): void {
    const session = conn.session;
    this.counters.invalidSessionsSent++;
    conn.sendOp(GatewayOpcodes.InvalidSession, resumable);
    if (!session) return;
    conn.session = null;
    session.connection = null;
    if (resumable) this.armExpiry(session);
    else this.deleteSession(session);
  }

  /** Sessions as tests see them. */
  sessionInfo(): GatewaySessionInfo[] {
    return [...this.sessions.values()].map((s) => ({
      sessionId: s.id, applicationId: s.applicationId, shard: s.shard, intents: s.intents,
      seq: s.seq, connected: s.connection !== null, guildIds: [...s.guildIds],
    }));
  }

  /** Stops listening to the state and closes every connection. */
  close(): void {
    this.state.off('dispatch', this.onDispatch);
    for (const c of this.connections) c.terminate();
    for (const s of this.sessions.values()) this.deleteSession(s);
  }
}
