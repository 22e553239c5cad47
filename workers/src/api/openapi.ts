import { z } from 'zod';
import type { moduleOpenApi } from '../platform/moduleDocs';
import type { RouteSpec } from './defineRoute';

/** An extra path documented by hand (routes mounted from other areas' sub-apps). */
export interface ExtraPath {
  method: string;
  path: string;
  summary: string;
  tag: string;
  requires: string;
}

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });
const ERROR_REF = { $ref: '#/components/schemas/Error' };

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema || !(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || !s.safeParse(undefined).success,
    schema: json(s, 'input'),
  }));
}

const errors = (requires: string) => ({
  400: { description: 'ValidationError', content: { 'application/json': { schema: ERROR_REF } } },
  ...(requires !== 'public' && { 401: { description: 'Unauthenticated / TokenExpired / InvalidToken' }, 403: { description: 'NoGuildAccess / BadOrigin / DiscordForbidden' } }),
  429: { description: 'RateLimited (retryAfter, Retry-After header)' },
});

/** The OpenAPI 3.1 document of `/api`, generated from the routes' zod schemas. */
export function buildOpenApi(specs: RouteSpec[], extra: ExtraPath[] = [], modules: ReturnType<typeof moduleOpenApi> = { paths: {}, schemas: {} }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const at = (p: string) => (paths[`/api${p.replace(/:(\w+)/g, '{$1}')}`] ??= {});
  for (const s of specs) {
    at(s.path)[s.method] = {
      summary: s.summary,
      tags: [s.tag],
      'x-requires': s.requires,
      parameters: [...parameters(s.params, 'path'), ...parameters(s.query, 'query')],
      ...(s.body && { requestBody: { required: !s.body.safeParse(undefined).success, content: { 'application/json': { schema: json(s.body, 'input') } } } }),
      responses: {
        [String(s.status ?? 200)]: s.response && s.status !== 204 ? { description: 'OK', content: { 'application/json': { schema: json(s.response, 'output') } } } : { description: 'OK' },
        ...errors(s.requires),
      },
    };
  }
  for (const e of extra) {
    at(e.path)[e.method] = { summary: e.summary, tags: [e.tag], 'x-requires': e.requires, responses: { 200: { description: 'OK' }, ...errors(e.requires) } };
  }
  for (const [path, ops] of Object.entries(modules.paths)) Object.assign((paths[path] ??= {}), ops);
  return {
    openapi: '3.1.0',
    info: { title: 'Edge Admin dashboard API', version: '1.0.0', description: 'Cookie sessions from /auth/login; see docs/API.md.' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'edge_at' } },
      schemas: {
        ...modules.schemas,
        Error: {
          type: 'object',
          required: ['statusCode', 'error', 'message', 'requestId', 'timestamp', 'path'],
          properties: {
            statusCode: { type: 'integer' },
            error: { type: 'string' },
            message: { type: 'string' },
            code: { type: 'string' },
            details: {},
            requestId: { type: 'string' },
            timestamp: { type: 'string', format: 'date-time' },
            path: { type: 'string' },
          },
        },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}

/** A dependency-free HTML page listing the document's operations (`GET /api/docs`). */
export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API docs</title>
<style>body{font:14px system-ui;margin:2rem;max-width:70rem}code{background:#eee;padding:0 .3em}details{border-bottom:1px solid #ddd;padding:.4rem 0}
.m{display:inline-block;width:4.5rem;font-weight:bold;text-transform:uppercase}pre{background:#f6f6f6;padding:.5rem;overflow:auto}</style></head>
<body><h1>Edge Admin API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Log in at <a href="/auth/login">/auth/login</a> first.</p><div id="ops">Loading…</div>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{const out=document.getElementById('ops');out.textContent='';
for(const [p,ops] of Object.entries(doc.paths))for(const [m,op] of Object.entries(ops)){const d=document.createElement('details');const s=document.createElement('summary');
s.innerHTML='<span class="m"></span><code></code> ';s.children[0].textContent=m;s.children[1].textContent=p;s.append(op.summary+' ['+op['x-requires']+']');
const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);d.append(s,pre);out.append(d);}});
</script></body></html>`;
}
