import { ReplayBuffer } from './ReplayBuffer.js';
import type { ShapeContext } from './shapePayload.js';

/** What a session sends through: the connection currently attached to it. */
export interface FrameSink {
  sendRaw(frame: string): void;
}

/** Identify data a session keeps. */
export interface SessionInit {
  id: string;
  applicationId: string;
  botUserId: string;
  intents: number;
  shard: [number, number];
  largeThreshold: number;
  bufferSize: number;
}

/**
 * A gateway session: survives its connection so a client can Resume it. It owns the
 * sequence counter and the replay buffer; every dispatch goes through {@link dispatch}
 * so `s` is strictly ordered and each frame is kept for replay.
 */
export class GatewaySession {
  readonly id: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly intents: number;
  readonly shard: [number, number];
  readonly shape: ShapeContext;
  readonly buffer: ReplayBuffer;
  /** Guilds this session has received (so GUILD_DELETE reaches it after the bot left). */
  readonly guildIds = new Set<string>();
  seq = 0;
  connection: FrameSink | null = null;
  expiry: NodeJS.Timeout | null = null;

  constructor(init: SessionInit) {
    this.id = init.id;
    this.applicationId = init.applicationId;
    this.botUserId = init.botUserId;
    this.intents = init.intents;
    this.shard = init.shard;
    this.shape = { intents: init.intents, botUserId: init.botUserId, largeThreshold: init.largeThreshold };
    this.buffer = new ReplayBuffer(init.bufferSize);
  }

  /**
   * Assigns the next sequence number to a dispatch, keeps it, and sends it if connected.
   * @param dJson - the `d` field, already serialized
   * @returns whether it was sent live
   */
  dispatch(t: string, dJson: string): boolean {
    const s = ++this.seq;
    const frame = `{"op":0,"t":${JSON.stringify(t)},"s":${s},"d":${dJson}}`;
    this.buffer.push({ s, t, frame });
    if (!this.connection) return false;
    this.connection.sendRaw(frame);
    return true;
  }

  /** Whether a guild belongs to this session's shard: `(guild_id >> 22) % num_shards == shard_id`. */
  ownsShardKey(shardKey: number): boolean {
    return shardKey % this.shard[1] === this.shard[0];
  }
}

/** `guild_id >> 22` as a number (safe: it is a ms timestamp), the input of the shard formula. */
export function shardKeyOf(guildId: string): number {
  return Number(BigInt(guildId) >> 22n);
}
