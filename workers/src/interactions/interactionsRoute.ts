import { Hono } from 'hono';
import { errorResponse } from '../errors';
import { requireConfig } from '../middleware/require-config';
import { allModules } from './allModules';
import type { AppEnv } from '../types';
import { dispatchInteraction } from './dispatchInteraction';
import { readEnvelope } from './routeInteraction';
import { interactionServices, type InteractionOptions } from './InteractionServices';
import { verifyDiscordRequest } from './verifyDiscordRequest';

const decoder = new TextDecoder();

/**
 * `POST /interactions`: Discord's HTTP interactions endpoint. The Ed25519 signature is checked
 * on the raw bytes before anything parses them; every failure of it is the same bare 401
 * (Discord probes endpoints with bad signatures and drops those that accept them).
 */
export function createInteractionsRoute(options: InteractionOptions = {}): Hono<AppEnv> {
  const services = interactionServices(allModules, options);
  return new Hono<AppEnv>().post('/', requireConfig(), async (c) => {
    const config = c.get('config');
    const s = services(config, c.env);
    const verified = await verifyDiscordRequest(c.req.raw, await s.publicKey);
    if (!verified.ok) {
      c.get('log').warn('interaction signature refused', { reason: verified.reason });
      return errorResponse(c, 401, 'Invalid request signature', { code: 'InvalidSignature' });
    }
    let body: unknown;
    try {
      body = JSON.parse(decoder.decode(verified.body));
    } catch {
      c.get('log').warn('interaction body is not JSON');
      return errorResponse(c, 400, 'Body is not valid JSON', { code: 'MalformedJson' });
    }
    const interaction = readEnvelope(body);
    const response = await dispatchInteraction(interaction, {
      services: s,
      appConfig: config,
      log: c.get('log').child({ interactionId: interaction.id, interactionType: interaction.type }),
      requestId: c.get('requestId'),
      waitUntil: (p) => waitUntilOf(c)(p),
    });
    return c.json(response);
  });
}

/** `executionCtx.waitUntil`, or a detached promise where there is none (plain `app.request()`). */
function waitUntilOf(c: { executionCtx: { waitUntil(p: Promise<unknown>): void } }): (p: Promise<unknown>) => void {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return (p) => void p.catch(() => {});
  }
}
