import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import type { WebSocket } from 'ws';
import type { GatewaySession } from './GatewaySession.js';
import type { GatewayHub } from './GatewayHub.js';
import { ZlibStreamEncoder } from './ZlibStreamEncoder.js';

/** Unsent bytes a connection may pile up before it is dropped. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Session-ending close codes: after them the session cannot be resumed. */
const INVALIDATING = new Set<number>([GatewayCloseCodes.InvalidSeq, GatewayCloseCodes.SessionTimedOut]);

/**
 * One WebSocket connection speaking the gateway protocol: Hello, heartbeats and the
 * zombie check, the send rate limit, and op routing to the hub (Identify, Resume, …).
 */
export class GatewayConnection {
  session: GatewaySession | null = null;
  /** Set once the connection is closing; nothing is sent after. */
  closed = false;
  /** Whether the client connected on the resume URL. */
  readonly onResumeUrl: boolean;
  private zombieTimer: NodeJS.Timeout | null = null;
  private detached = false;
  private sent = { count: 0, resetAt: 0 };
  private readonly zlib: ZlibStreamEncoder | null;

  constructor(
    private readonly ws: WebSocket,
    private readonly hub: GatewayHub,
    opts: { compress: boolean; onResumeUrl: boolean },
  ) {
    this.onResumeUrl = opts.onResumeUrl;
    this.zlib = opts.compress ? new ZlibStreamEncoder((buf) => this.ws.send(buf)) : null;
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('close', (code) => this.onSocketClose(code));
    ws.on('error', () => this.onSocketClose(1006));
  }

  /** Sends Hello and arms the zombie check. */
  start(): void {
    this.sent = { count: 0, resetAt: Date.now() + this.hub.config.sendLimit.windowMs };
    this.sendOp(GatewayOpcodes.Hello, { heartbeat_interval: this.hub.config.heartbeatIntervalMs });
    this.armZombieTimer();
  }

  /** Sends an already serialized frame. */
  sendRaw(frame: string): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      // A client that stops reading is cut off (as Discord does); its session stays resumable.
      this.hub.log({ level: 'warn', msg: 'gateway client too slow, connection dropped', sessionId: this.session?.id });
      return this.terminate();
    }
    if (this.zlib) this.zlib.write(frame);
    else this.ws.send(frame);
  }

  /** Sends a non-dispatch payload (`s` and `t` null). */
  sendOp(op: GatewayOpcodes, d: unknown): void {
    this.sendRaw(JSON.stringify({ op, d, s: null, t: null }));
  }

  /** Closes with a gateway close code (counted; 4007 and 4009 also end the session). */
  closeWith(code: number, reason: string): void {
    if (this.closed) return;
    this.hub.countClose(code);
    if (this.session && INVALIDATING.has(code)) this.hub.deleteSession(this.session);
    this.closed = true;
    this.stopTimers();
    this.ws.close(code, reason);
  }

  /** Kills the socket without a close frame (the client sees 1006). */
  terminate(): void {
    this.closed = true;
    this.stopTimers();
    this.ws.terminate();
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.withinSendLimit()) return this.closeWith(GatewayCloseCodes.RateLimited, 'You are being rate limited.');
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(data.toString('utf8')) as typeof payload;
      if (!payload || typeof payload !== 'object' || typeof payload.op !== 'number') throw new Error('shape');
    } catch {
      return this.closeWith(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.hub.counters.heartbeats++;
        this.armZombieTimer();
        return this.sendOp(GatewayOpcodes.HeartbeatAck, undefined);
      case GatewayOpcodes.Identify:
        if (this.session) return this.closeWith(GatewayCloseCodes.AlreadyAuthenticated, 'You sent more than one identify payload.');
        return this.hub.identify(this, payload.d);
      case GatewayOpcodes.Resume:
        if (this.session) return this.closeWith(GatewayCloseCodes.AlreadyAuthenticated, 'You sent more than one identify payload.');
        return this.hub.resume(this, payload.d);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!this.session) return this.closeWith(GatewayCloseCodes.NotAuthenticated, 'You sent a payload prior to identifying.');
        if (payload.op === GatewayOpcodes.RequestGuildMembers) this.hub.requestGuildMembers(this, payload.d);
        return;
      default:
        return this.closeWith(GatewayCloseCodes.UnknownOpcode, 'You sent an invalid opcode.');
    }
  }

  /** Discord allows 120 gateway sends per 60 s per connection. */
  private withinSendLimit(): boolean {
    const now = Date.now();
    if (now >= this.sent.resetAt) this.sent = { count: 0, resetAt: now + this.hub.config.sendLimit.windowMs };
    return ++this.sent.count <= this.hub.config.sendLimit.count;
  }

  private armZombieTimer(): void {
    if (this.zombieTimer) clearTimeout(this.zombieTimer);
    this.zombieTimer = setTimeout(() => {
      this.hub.log({ level: 'info', msg: 'gateway zombie connection closed', sessionId: this.session?.id });
      this.closeWith(GatewayCloseCodes.SessionTimedOut, 'Session timed out.');
    }, this.hub.config.heartbeatTimeoutMs);
    this.zombieTimer.unref();
  }

  private stopTimers(): void {
    if (this.zombieTimer) clearTimeout(this.zombieTimer);
    this.zombieTimer = null;
  }

  private onSocketClose(code: number): void {
    if (this.detached) return;
    this.detached = true;
    this.closed = true;
    this.stopTimers();
    this.zlib?.close();
    this.hub.detach(this, code);
  }
}
