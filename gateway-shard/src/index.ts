import type { Server } from 'node:http';
import { createLogger, logLevel } from '@edge/shared/log';
import { startOpsServer } from './OpsServer';
import { Shard, resolveShardEnv, type ShardOptions } from './Shard';

export { Shard, type ShardOptions } from './Shard';
export { loadShardEnv, type ShardEnv } from './config';
export { signedHeaders } from '@edge/shared/protocol/sign';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, CONNECT_BODY } from '@edge/shared/protocol';
export type { LinkConfig } from './ForwardPolicy';

/** A running shard. */
export interface ShardHandle {
  shard: Shard;
  /** Port of `/health` and `/metrics`. */
  port: number;
  url: string;
  /** Graceful stop: resumable close, drain up to `drainMs`, close everything. */
  stop(drainMs?: number): Promise<void>;
}

/**
 * Starts a gateway shard: spool, batcher, config link, gateway, and the `/health` +
 * `/metrics` server (`SHARD_PORT`, `0` for any free port). Options use the env names
 * (`DISCORD_BOT_TOKEN`, `WORKER_URL`, `SHARD_SECRET`, ...), see `config.ts`; `clock` stamps
 * `receivedAt` (tests only; default `Date.now`).
 */
export async function startShard(options: ShardOptions & { logSink?: (line: string) => void; clock?: () => number }): Promise<ShardHandle> {
  const { logSink, clock, ...rest } = options;
  const env = resolveShardEnv(rest);
  const shard = new Shard(env, createLogger({ service: 'gateway-shard' }, logSink, logLevel(process.env.LOG_LEVEL)), clock);
  let server: Server | undefined;
  try {
    const ops = await startOpsServer(shard, env.SHARD_PORT, env.SHARD_HOST);
    server = ops.server;
    await shard.start();
    const handle: ShardHandle = {
      shard,
      port: ops.port,
      url: `http://${env.SHARD_HOST}:${ops.port}`,
      async stop(drainMs) {
        await shard.stop(drainMs);
        server?.closeAllConnections();
        await new Promise<void>((r) => server!.close(() => r()));
      },
    };
    return handle;
  } catch (err) {
    server?.close();
    await shard.stop(0).catch(() => {});
    throw err;
  }
}
