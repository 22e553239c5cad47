import type { Config, Env } from '../env';
import { QstashJobQueue } from '../jobs/QstashJobQueue';
import type { JobQueue } from '../jobs/types';
import { getQstash } from '../lib/qstash';
import { getRedis } from '../lib/redis';
import { guildHub, type GuildHubClient } from '../platform/hub/guildHub';
import type { ModuleDefinition } from '../platform/ModuleDefinition';
import { CustomIdSigner } from './CustomIdSigner';
import { HubGuildConfigReader, type GuildConfigReader } from './GuildConfigReader';
import { UpstashRateLimiter, type InteractionRateLimiter, type RateLimitOptions } from './InteractionRateLimiter';
import { InteractionRouter } from './InteractionRouter';
import { FetchInteractionWebhook, type InteractionWebhook } from './InteractionWebhook';
import { importPublicKey } from './verifyDiscordRequest';

/** Everything the endpoint uses, built once per isolate (per validated config). */
export interface InteractionServices {
  publicKey: Promise<CryptoKey>;
  signer: CustomIdSigner;
  router: InteractionRouter;
  guilds: GuildConfigReader;
  rateLimiter: InteractionRateLimiter;
  webhook: InteractionWebhook;
  jobs: JobQueue;
  /** The hub client of a guild (`ctx.hub`); built lazily, only when a handler asks. */
  hub: (guildId: string) => GuildHubClient;
}

/** Swappable parts (tests and the bench replace the ones that leave the process). */
export type InteractionOverrides = Partial<Pick<InteractionServices, 'guilds' | 'rateLimiter' | 'webhook' | 'jobs' | 'hub'>>;

/** Options of the interactions endpoint. */
export interface InteractionOptions {
  /** The modules whose commands are served; defaults to every module the instance has. */
  modules?: readonly ModuleDefinition[];
  /** Parts to replace, or a factory that sees the config and bindings. */
  overrides?: InteractionOverrides | ((config: Config, env: Env) => InteractionOverrides);
  rateLimits?: RateLimitOptions;
}

/** The origin QStash delivers jobs to. */
export function selfUrl(config: Config): string {
  return config.WORKER_SELF_URL ?? config.PUBLIC_URL;
}

/**
 * Returns a function that builds the services for a config on first use and then returns
 * the same object (the config object itself is cached per isolate by `readConfig`).
 */
export function interactionServices(
  defaultModules: () => readonly ModuleDefinition[],
  options: InteractionOptions = {},
): (config: Config, env: Env) => InteractionServices {
  const cache = new WeakMap<Config, InteractionServices>();
  return (config, env) => {
    let services = cache.get(config);
    if (services) return services;
    const o = typeof options.overrides === 'function' ? options.overrides(config, env) : options.overrides ?? {};
    services = {
      publicKey: importPublicKey(config.DISCORD_PUBLIC_KEY),
      signer: new CustomIdSigner(config.SESSION_SECRET),
      router: new InteractionRouter(options.modules ?? defaultModules()),
      guilds: o.guilds ?? new HubGuildConfigReader(env),
      rateLimiter: o.rateLimiter ?? new UpstashRateLimiter(getRedis(config), options.rateLimits),
      webhook: o.webhook ?? new FetchInteractionWebhook(config.DISCORD_API_BASE),
      jobs: o.jobs ?? new QstashJobQueue(getQstash(config), selfUrl(config)),
      hub: o.hub ?? ((guildId) => guildHub(env, guildId)),
    };
    cache.set(config, services);
    return services;
  };
}
