import type { SimState, SimApplication } from '../state/index.js';
import type { RateLimiter } from './RateLimiter.js';
import type { OAuthStore } from '../oauth/OAuthStore.js';
import type { InteractionStore } from '../interactions/InteractionStore.js';

/** Who is calling: a bot (Bot token) or a user through an OAuth2 access token (Bearer). */
export type Caller =
  | { kind: 'bot'; app: SimApplication; userId: string }
  | { kind: 'user'; app: SimApplication; userId: string; scopes: string[] };

/** Shared services every route reaches through `c.get('sim')`. */
export interface SimServices {
  state: SimState;
  rateLimiter: RateLimiter;
  oauth: OAuthStore;
  interactions: InteractionStore;
  /** `GET /gateway/bot` body for an application (from the gateway module, when attached). */
  gatewayBotInfo: (applicationId: string) => { url: string; shards: number; session_start_limit: { total: number; remaining: number; reset_after: number; max_concurrency: number } };
  /** The ws URL of the gateway. */
  gatewayUrl: () => string;
  /**
   * Requests whose `User-Agent` is not `DiscordBot ($url, $versionNumber)`, which Discord requires
   * of every client (https://discord.com/developers/docs/reference#user-agent). Recorded rather
   * than refused so a test can list every offender at once.
   */
  userAgentViolations?: { method: string; path: string; userAgent: string | null }[];
}

/** Hono environment of the REST app. */
export interface RestEnv {
  Variables: { sim: SimServices; caller: Caller };
}
