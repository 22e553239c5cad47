/**
 * What another workspace needs to run the simulator's REST API inside its own process (the
 * Worker's API tests serve it on a port of theirs): `@edge/simulator/rest`.
 */
export { createRestApp } from './createRestApp.js';
export { RateLimiter } from './RateLimiter.js';
export type { SimServices } from './types.js';
export { OAuthStore } from '../oauth/OAuthStore.js';
export { InteractionStore } from '../interactions/InteractionStore.js';
