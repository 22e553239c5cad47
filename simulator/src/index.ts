import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Hono } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import { ApplicationFlags } from 'discord-api-types/v10';
import { SimState, SnowflakeGenerator, createDemoGuild, type SimApplication } from './state/index.js';
import { createRestApp, type RestLogger } from './rest/createRestApp.js';
import { RateLimiter } from './rest/RateLimiter.js';
import { OAuthStore } from './oauth/OAuthStore.js';
import { authorizePage } from './oauth/authorizePage.js';
import { InteractionStore } from './interactions/InteractionStore.js';
import { InteractionDriver } from './interactions/InteractionDriver.js';
import { attachGateway, type GatewayOptions, type SimGateway } from './gateway/index.js';
import type { SimServices } from './rest/types.js';
import { clientApi } from './client/clientApi.js';
import { clientPages } from './client/clientPages.js';

export * from './state/index.js';
export type { InteractionResult } from './interactions/InteractionDriver.js';
export type { InteractionInput } from './interactions/buildInteraction.js';
export type { ProbeResult } from './interactions/probeEndpoint.js';
export { signRequest } from './interactions/signRequest.js';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** Port (0 = any free one, what tests use; the CLI defaults to 8790). */
  port?: number;
  host?: string;
  /** Seed for the demo guild and the application's keys/token (stable across runs). */
  seed?: number;
  /** Build the demo guild (default true). */
  demo?: boolean;
  /** Demo members besides the owner (default 50). */
  members?: number;
  /** Load state from this file when it exists; save to it on stop. */
  stateFile?: string;
  /** `ApplicationFlags` privileged intents enabled for the app (default: presence, members, message content). */
  privilegedIntents?: number;
  /** Interactions endpoint URL the simulator posts to. */
  interactionsEndpoint?: string;
  /** OAuth redirect URIs accepted (empty = any). */
  redirectUris?: string[];
  /** Skip the consent page (same as `prompt=none`). */
  oauthAutoApprove?: boolean;
  /** Per-route limit per window for the `X-RateLimit-*` headers (default 50 / 1 s). */
  rateLimit?: { limit?: number; windowMs?: number };
  gateway?: GatewayOptions;
  logger?: RestLogger;
}

/** A running simulator. */
export interface Simulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** REST base for `@discordjs/rest`'s `api` option: `${url}/api`. */
  api: string;
  /** `ws://127.0.0.1:PORT/gateway` */
  gatewayUrl: string;
  state: SimState;
  application: { id: string; publicKey: string; botToken: string; clientId: string; clientSecret: string; botUserId: string };
  /** The demo guild ('' when `demo: false`). */
  guildId: string;
  owner: { id: string };
  rateLimit: RateLimiter;
  /** Requests that came without Discord's required `DiscordBot (url, version)` User-Agent. */
  userAgentViolations: NonNullable<SimServices['userAgentViolations']>;
  oauth: OAuthStore;
  interactions: InteractionDriver;
  gateway: SimGateway;
  server: Server;
  stop(): Promise<void>;
}

const DEFAULT_INTENTS = ApplicationFlags.GatewayPresence | ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayMessageContent;

/** Starts the Discord simulator: REST `/api/v10`, gateway `/gateway`, OAuth2 `/oauth2`, interactions driver, demo client at `/`. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const state = new SimState();
  let app: SimApplication;
  let guildId = '';
  if (options.stateFile && existsSync(options.stateFile)) {
    state.load(options.stateFile);
    app = Object.values(state.data.applications)[0]!;
    guildId = Object.keys(state.data.guilds)[0] ?? '';
  } else {
    const appId = new SnowflakeGenerator(() => Date.UTC(2023, 5, 1) + seed, 3n).next();
    app = state.applications.create({ id: appId, name: 'Edge Admin', seed: `app-${seed}`, flags: options.privilegedIntents ?? DEFAULT_INTENTS, redirectUris: options.redirectUris });
    if (options.demo !== false) guildId = createDemoGuild(state, { seed, members: options.members ?? 50, botUserId: app.botUserId }).guildId;
  }
  const ownerId = guildId ? state.guild(guildId).owner_id : '';
  if (!app.ownerId && ownerId) app.ownerId = ownerId;

  const rateLimiter = new RateLimiter(options.rateLimit?.limit, options.rateLimit?.windowMs);
  const oauth = new OAuthStore();
  const interactionStore = new InteractionStore();
  // The services reach the gateway attached below to the server they are served by.
  const services: SimServices = {
    state, rateLimiter, oauth, interactions: interactionStore,
    gatewayUrl: () => gw.url,
    gatewayBotInfo: (id) => gw.botInfo(id),
    userAgentViolations: [],
  };
  // Clients URL-encode `@me` / `@original` (%40); route on the decoded form as Discord does.
  const root = new Hono({ getPath: (req) => new URL(req.url).pathname.replace(/%40/gi, '@') });
  const rest = createRestApp(services, options.logger);
  root.route('/api/v10', rest);
  root.route('/api/v9', rest);
  root.route('/oauth2', authorizePage(services, { autoApprove: options.oauthAutoApprove, defaultUserId: () => ownerId || undefined }));
  const interactions = new InteractionDriver(state, interactionStore, () => app.id);
  root.route('/client/api', clientApi({ state, store: interactionStore, driver: () => interactions, applicationId: () => app.id }));
  root.route('/', clientPages());

  const server = createAdaptorServer({ fetch: root.fetch }) as Server;
  const gw = attachGateway(server, state, options.gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  if (options.interactionsEndpoint) interactions.setEndpoint(options.interactionsEndpoint);

  return {
    url,
    api: `${url}/api`,
    gatewayUrl: gw.url,
    state,
    application: { id: app.id, publicKey: app.publicKey, botToken: app.botToken, clientId: app.clientId, clientSecret: app.clientSecret, botUserId: app.botUserId },
    guildId,
    owner: { id: ownerId },
    rateLimit: rateLimiter,
    userAgentViolations: services.userAgentViolations!,
    oauth,
    interactions,
    gateway: gw,
    server,
    async stop() {
      await gw.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.stateFile) state.save(options.stateFile);
    },
  };
}
