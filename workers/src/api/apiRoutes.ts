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
import { apiSpecs } from './apiSpecs';
import { mountRoutes } from './defineRoute';
import { mountModuleRoutes, moduleRouteDocs } from './mountModuleRoutes';
import { buildOpenApi, docsPage } from './openapi';
import { moduleOpenApi } from '../platform/moduleDocs';
import { registry } from '../modules/registry';

/** Largest accepted JSON body. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * `/api`: the dashboard's REST API. Order: config → origin check → session → rate limit →
 * body limit → safe input (Unicode, NUL, depth) → per-route guild access → zod validation → handler. See docs/API.md.
 */
export function createApiRoutes(tiers: RateLimitTiers = DEFAULT_TIERS): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  let doc: Record<string, unknown> | undefined;
  api.get('/openapi.json', (c) => c.json((doc ??= buildOpenApi(apiSpecs, moduleRouteDocs, moduleOpenApi(registry.all())))));
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
  mountRoutes(api, apiSpecs);
  mountModuleRoutes(api);
  return api;
}
