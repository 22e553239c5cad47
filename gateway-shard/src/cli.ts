import { loadShardEnv } from './config';
import { startShard } from './index';

/**
 * `npm run shard`: reads the environment, starts the shard, and on SIGTERM/SIGINT closes the
 * gateway resumably and flushes the spool, so a restart resumes the same session.
 */
async function main(): Promise<void> {
  let env;
  try {
    env = loadShardEnv(process.env);
  } catch (err) {
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: (err as Error).message })}\n`);
    process.exit(2);
  }
  const handle = await startShard(env);
  handle.shard.log.info('shard started', { port: handle.port });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    handle.shard.log.info('stopping', { signal });
    void handle.stop(Number(process.env.SHARD_DRAIN_MS ?? 10_000)).finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: Error) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'shard failed to start', error: err.message })}\n`);
  process.exit(1);
});
