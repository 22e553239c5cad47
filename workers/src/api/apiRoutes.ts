import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthEnv } from '../auth/AuthEnv';
import { requireUser } from '../auth/middleware/requireUser';
import { originCheck } from '../auth/middleware/originCheck';
import { DEFAULT_TIERS, rateLimit, type RateLimitTiers } from '../auth/middleware/rateLimit';
import { requestDb } from '../auth/requestDb';
import { HttpError } from '../errors';
import { requireConfig } from '../middleware/require-config';
import { safeInput } from '../middleware/safe-input';
import { apiDocument } from './apiDocument';
import { coreRoutes } from './coreRoutes';
import { docsPage } from './docsPage';
import { mountModuleRoutes } from './mountModuleRoutes';

/** Largest accepted JSON body. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * `/api`: the dashboard's REST API. Order: config → origin check → session → rate limit →
 * body limit → safe input (Unicode, NUL, depth) → per-route guild access → zod validation → handler. The contract: `/api/docs`.
 */
export function createApiRoutes(tiers: RateLimitTiers = DEFAULT_TIERS): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  let doc: Record<string, unknown> | undefined;
  api.get('/openapi.json', (c) => c.json((doc ??= apiDocument())));
  api.get('/docs', (c) => c.html(docsPage()));

  api.use('*', requireConfig() as never, requestDb(), originCheck(), requireUser(), rateLimit(tiers, 'api'));
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, `Body larger than ${MAX_BODY_BYTES} bytes`, { code: 'PayloadTooLarge' });
      },
    }),
  );
  api.use('*', safeInput());
  api.route('/', coreRoutes);
  mountModuleRoutes(api);
  return api;
}
