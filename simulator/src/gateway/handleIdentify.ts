import { randomBytes } from 'node:crypto';
import { GatewayCloseCodes as C, GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import type { GatewayConnection } from './GatewayConnection.js';
import type { GatewayHub } from './GatewayHub.js';
import { GatewaySession } from './GatewaySession.js';
import { ALL_INTENTS, PRIVILEGED_INTENTS, allowedPrivilegedIntents } from './intents.js';
import { shapePayload } from './shapePayload.js';

interface IdentifyData {
  token: string;
  intents: number;
  shard?: [number, number];
  large_threshold?: number;
}

function isIdentify(d: unknown): d is IdentifyData {
  if (!d || typeof d !== 'object') return false;
  const o = d as Record<string, unknown>;
  return typeof o.token === 'string' && typeof o.properties === 'object' && o.properties !== null;
}

/**
 * Op 2 Identify, checked in Discord's order: token (4004), shard (4010), intents (4013, 4014),
 * sharding required (4011), then the identify rate limit (op 9, not resumable). On success:
 * READY, then one GUILD_CREATE per guild of the shard.
 * @see https://discord.com/developers/docs/events/gateway-events#identify
 */
export function handleIdentify(hub: GatewayHub, conn: GatewayConnection, d: unknown): void {
  if (!isIdentify(d)) return conn.closeWith(C.DecodeError, 'Error while decoding payload.');
  const app = hub.state.applications.byBotToken(d.token.replace(/^Bot\s+/i, ''));
  if (!app) return conn.closeWith(C.AuthenticationFailed, 'Authentication failed.');

  const shard: unknown = d.shard ?? [0, 1];
  if (!Array.isArray(shard) || shard.length !== 2) return conn.closeWith(C.InvalidShard, 'Invalid shard.');
  const [shardId, shardCount] = shard as [number, number];
  if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
    return conn.closeWith(C.InvalidShard, 'Invalid shard.');
  }
  if (!Number.isInteger(d.intents) || d.intents < 0 || (d.intents & ~ALL_INTENTS) !== 0) {
    return conn.closeWith(C.InvalidIntents, 'Invalid intent(s).');
  }
  const privileged = d.intents & PRIVILEGED_INTENTS;
  if ((privileged & ~allowedPrivilegedIntents(app.flags)) !== 0) {
    return conn.closeWith(C.DisallowedIntents, 'Disallowed intent(s).');
  }
  const guildIds = hub.state.guildIdsOf(app.botUserId).filter((g) => hub.shardKey(g) % shardCount === shardId);
  if (guildIds.length > hub.config.maxGuildsPerShard) return conn.closeWith(C.ShardingRequired, 'Sharding required.');
  if (!hub.limiter.tryAcquire(app.id, shardId)) {
    hub.log({ level: 'info', msg: 'gateway identify rate limited', applicationId: app.id, shard });
    return hub.invalidate(conn, false);
  }

  const session = new GatewaySession({
    id: randomBytes(16).toString('hex'),
    applicationId: app.id,
    botUserId: app.botUserId,
    intents: d.intents,
    shard: [shardId, shardCount],
    largeThreshold: clampLargeThreshold(d.large_threshold),
    bufferSize: hub.config.replayBufferSize,
  });
  hub.sessions.set(session.id, session);
  session.connection = conn;
  conn.session = session;
  hub.counters.identifies++;

  const ready: GatewayReadyDispatchData = {
    v: 10,
    user: hub.state.users.get(app.botUserId),
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: `${hub.url()}/resume`,
    shard: [shardId, shardCount],
    application: { id: app.id, flags: app.flags, flags_new: String(app.flags) },
  };
  session.dispatch(GatewayDispatchEvents.Ready, JSON.stringify(ready));
  hub.counters.dispatched++;
  if (d.intents & GatewayIntentBits.Guilds) {
    for (const guildId of guildIds) {
      session.guildIds.add(guildId);
      const payload = shapePayload(GatewayDispatchEvents.GuildCreate, hub.state.guildCreatePayload(guildId, app.botUserId), session.shape);
      session.dispatch(GatewayDispatchEvents.GuildCreate, JSON.stringify(payload));
      hub.counters.dispatched++;
    }
  } else {
    for (const guildId of guildIds) session.guildIds.add(guildId);
  }
  hub.log({ level: 'info', msg: 'gateway identified', sessionId: session.id, applicationId: app.id, shard: session.shard, intents: d.intents, guilds: guildIds.length });
  hub.events.emit('identify', { sessionId: session.id, applicationId: app.id, shard: session.shard });
}

/** `large_threshold` is 50–250, default 50. */
function clampLargeThreshold(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(250, Math.max(50, Math.floor(v))) : 50;
}
