import { createApp } from '../../app';
import type { Env } from '../../env';
import { coreModule } from '../../modules/core';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { StaticGuildConfigReader, type GuildConfigReader } from '../GuildConfigReader';
import { noRateLimit, type InteractionRateLimiter } from '../InteractionRateLimiter';
import type { GuildState } from '../types';
import type { InteractionServices } from '../InteractionServices';
import { RecordingJobQueue, RecordingWebhook } from './fakes';
import { createTestKeyPair, type TestKeyPair } from './testKeyPair';
import { testEnv } from './testEnv';
import { labJob, labModule, staffModule } from './testModules';

/** The guild where `lab` and `staff` are on. */
export const GUILD = '200000000000000001';
/** A guild where only core is on. */
export const BARE_GUILD = '200000000000000002';

/** Options of {@link interactionHarness}. */
export interface HarnessOptions {
  keys?: TestKeyPair;
  modules?: ModuleDefinition[];
  guilds?: GuildConfigReader;
  rateLimiter?: InteractionRateLimiter;
  /** The hub client behind `ctx.hub` (default: the env's, which throws in-process). */
  hub?: InteractionServices['hub'];
  log?: (line: string) => void;
}

/**
 * The Worker app in-process with fakes for everything that leaves it (hub, Redis, Discord,
 * QStash), and helpers to send signed interactions through `app.request()`.
 */
export async function interactionHarness(options: HarnessOptions = {}) {
  const keys = options.keys ?? (await createTestKeyPair());
  const webhook = new RecordingWebhook();
  const jobs = new RecordingJobQueue();
  const logs: string[] = [];
  const states: Record<string, GuildState> = {
    [GUILD]: { plan: 'free', modules: { lab: { enabled: true, config: { greeting: 'hey' } }, staff: { enabled: true, config: {} } } },
    [BARE_GUILD]: { plan: 'free', modules: { lab: { enabled: false, config: {} } } },
  };
  const app = createApp({
    log: options.log ?? ((line) => logs.push(line)),
    interactions: {
      modules: options.modules ?? [coreModule, labModule, staffModule],
      overrides: { guilds: options.guilds ?? new StaticGuildConfigReader(states), webhook, jobs, rateLimiter: options.rateLimiter ?? noRateLimit, ...(options.hub && { hub: options.hub }) },
    },
    // Jobs read the guild's config from its hub: the same states the interactions see.
    jobs: { jobs: [labJob], webhook, hub: options.hub ?? ((g) => ({ getState: async () => ({ guildId: g, guild: null, ...states[g] }) }) as never) },
  });
  const env: Env = testEnv(keys.publicKeyHex);
  const pending: Promise<unknown>[] = [];
  const executionCtx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} };
  return {
    app, env, keys, webhook, jobs, logs, executionCtx,
    /** Sends a signed interaction; `raw` sends the init as given. */
    async send(payload: unknown, init?: RequestInit): Promise<Response> {
      return app.request('/interactions', init ?? (await keys.signedInit(payload)), env, executionCtx as never);
    },
    /** Waits for everything handed to `waitUntil`. */
    async settle(): Promise<void> {
      await Promise.all(pending.splice(0));
    },
  };
}
