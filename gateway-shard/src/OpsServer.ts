import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Shard } from './Shard';

/** Body of `GET /health`. */
export interface ShardHealth {
  status: 'ok' | 'degraded';
  shards: Record<string, string>;
  spool: { depth: number; oldestAgeMs: number | null };
  lastAckAgeMs: number | null;
  configLink: 'connected' | 'disconnected' | 'disabled';
  uptimeMs: number;
  /** Coordinated mode: this process's id and what the coordinator assigned it (null before the first assignment). */
  fleet?: { processId: string; shardCount: number | null; assigned: number[] | null };
}

/** Builds the health report: degraded when a shard is not Ready. */
export async function shardHealth(shard: Shard): Promise<ShardHealth> {
  const shards = await shard.gateway.status();
  const oldest = shard.spool.oldestReceivedAt();
  const assigned = shard.fleet?.assignment?.shards ?? null;
  // A coordinated process with nothing assigned (a standby) is healthy.
  const ok = (Object.keys(shards).length > 0 || assigned?.length === 0) && Object.values(shards).every((s) => s === 'Ready');
  return {
    status: ok ? 'ok' : 'degraded',
    shards,
    spool: { depth: shard.spool.depth, oldestAgeMs: oldest === null ? null : Date.now() - oldest },
    lastAckAgeMs: shard.batcher.lastAckAt === null ? null : Date.now() - shard.batcher.lastAckAt,
    configLink: shard.link ? (shard.link.connected ? 'connected' : 'disconnected') : 'disabled',
    uptimeMs: Date.now() - shard.startedAt,
    ...(shard.fleet && { fleet: { processId: shard.processId, shardCount: shard.fleet.assignment?.shardCount ?? null, assigned } }),
  };
}

/** Serves `GET /health` (JSON; 503 when degraded) and `GET /metrics` (Prometheus text). */
export function startOpsServer(shard: Shard, port: number, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.method !== 'GET') return reply(405, 'application/json', JSON.stringify({ statusCode: 405, error: 'Method Not Allowed', path }));
    if (path === '/health') {
      void shardHealth(shard).then((h) => reply(h.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(h)));
      return;
    }
    if (path === '/metrics') {
      void shard.metrics.registry.metrics().then((text) => reply(200, shard.metrics.registry.contentType, text));
      return;
    }
    reply(404, 'application/json', JSON.stringify({ statusCode: 404, error: 'Not Found', path }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}
