import type { Env } from '../../env';

/**
 * A complete Worker env for in-process tests: every variable valid, endpoints pointing at
 * nothing (tests replace the services that would call them). `GUILD_HUB` throws if used.
 */
export function testEnv(publicKeyHex: string, overrides: Partial<Record<string, string>> = {}): Env {
  const unused = new Proxy({}, { get: () => { throw new Error('binding not available in this test'); } });
  return {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db',
    UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1',
    UPSTASH_REDIS_REST_TOKEN: 'test',
    QSTASH_URL: 'http://127.0.0.1:1',
    QSTASH_TOKEN: 'test',
    QSTASH_CURRENT_SIGNING_KEY: 'sig_current_test_key',
    QSTASH_NEXT_SIGNING_KEY: 'sig_next_test_key',
    DISCORD_API_BASE: 'http://127.0.0.1:1/api',
    DISCORD_APPLICATION_ID: '100000000000000001',
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_BOT_TOKEN: 'bot-token',
    DISCORD_CLIENT_ID: '100000000000000001',
    DISCORD_CLIENT_SECRET: 'client-secret',
    SHARD_SECRET: 'shard-secret-0123456789',
    SESSION_SECRET: 'session-secret-0123456789abcdef0123456789',
    TOKEN_ENCRYPTION_KEY: '00'.repeat(32),
    PUBLIC_URL: 'https://bot.example.test',
    WORKER_SELF_URL: 'https://worker.example.test',
    ...overrides,
    GUILD_HUB: unused as DurableObjectNamespace,
    SHARD_COORDINATOR: unused as DurableObjectNamespace,
    EVENT_INBOX: unused as DurableObjectNamespace,
  };
}
