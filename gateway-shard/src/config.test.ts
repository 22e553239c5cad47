import { describe, expect, it } from 'vitest';
import { loadShardEnv } from './config';

const base = { DISCORD_BOT_TOKEN: 't', WORKER_URL: 'http://127.0.0.1:8787', SHARD_SECRET: 'x'.repeat(16) };

describe('loadShardEnv', () => {
  it('fills the defaults and coerces strings like the environment gives them', () => {
    const env = loadShardEnv({ ...base, SHARD_PORT: '0', SHARD_IDS: '0, 2,', SHARD_COUNT: '4', SHARD_CONFIG_LINK: 0, SHARD_PRIORITY_EVENTS: '', UNRELATED: 'x' });
    expect(env).toMatchObject({ SHARD_PORT: 0, SHARD_IDS: ['0', '2'], SHARD_COUNT: 4, SHARD_CONFIG_LINK: '0', SHARD_BATCH_MAX_EVENTS: 500, SHARD_BATCH_MAX_WAIT_MS: 60_000, SHARD_PRIORITY_MAX_EVENTS: 15, SHARD_SPOOL_SYNC: 'NORMAL' });
    expect(env.SHARD_PRIORITY_EVENTS).toBeUndefined();
    expect(env.SHARD_SPOOL_PATH).toBe('.data/shard-spool.sqlite');
    expect(loadShardEnv({ ...base, SHARD_IDS: [1, 3] }).SHARD_IDS).toEqual(['1', '3']);
  });

  it('names every wrong variable without printing secrets', () => {
    const bad = () => loadShardEnv({ WORKER_URL: 'not a url', SHARD_SECRET: 'short-secret', SHARD_PORT: '-1', SHARD_COUNT: '0', SHARD_SPOOL_SYNC: 'OFF', SHARD_BATCH_MAX_EVENTS: '1.5' });
    expect(bad).toThrow(/DISCORD_BOT_TOKEN: missing/);
    expect(bad).toThrow(/WORKER_URL: must be a URL/);
    expect(bad).toThrow(/SHARD_SECRET: must be at least 16/);
    expect(bad).toThrow(/SHARD_PORT: must be an integer ≥ 0/);
    expect(bad).toThrow(/SHARD_COUNT: must be an integer ≥ 1/);
    expect(bad).toThrow(/SHARD_SPOOL_SYNC: must be one of NORMAL, FULL/);
    expect(bad).toThrow(/SHARD_BATCH_MAX_EVENTS/);
    expect(bad).not.toThrow(/short-secret|not a url/);
  });
});
