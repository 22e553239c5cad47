import type { LocalStack } from '../stack/startLocalStack';

/** Every Worker variable as a string; `undefined` in overrides removes one (to test a missing variable). */
export type WorkerVars = Record<string, string>;

/**
 * The Worker's full set of variables for a test: the stack's (database, Redis, QStash), then
 * fixed test values for Discord and the secrets, then `overrides` (a key set to `undefined`
 * is removed).
 */
export function makeTestVars(stack: Pick<LocalStack, 'vars'> | undefined, overrides: Record<string, string | undefined> = {}): WorkerVars {
  const vars: Record<string, string | undefined> = {
    ...stack?.vars,
    DISCORD_APPLICATION_ID: '100000000000000001',
    DISCORD_PUBLIC_KEY: 'a'.repeat(64),
    DISCORD_BOT_TOKEN: 'test-bot-token',
    DISCORD_CLIENT_ID: '100000000000000001',
    DISCORD_CLIENT_SECRET: 'test-client-secret',
    SHARD_SECRET: 'test-shard-secret-0123456789',
    SESSION_SECRET: 'test-session-secret-0123456789abcdef0123456789',
    TOKEN_ENCRYPTION_KEY: '0123456789abcdef'.repeat(4),
    BOT_OWNER_IDS: '',
    PUBLIC_URL: 'http://127.0.0.1:8787',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => e[1] !== undefined));
}
