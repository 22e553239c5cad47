import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, HttpError, listen, readBody, sendJson } from '../lib/http';
import { silentLogger, type Logger } from '../lib/log';
import type { Service, ServiceOptions } from '../lib/Service';
import { isLoopback } from '../neon-proxy/isLoopback';
import { Deliverer } from './Deliverer';
import { PublishParser } from './PublishParser';
import type { DlqMessage } from './types';

/** Options of {@link startQstash}. */
export interface QstashOptions extends ServiceOptions {
  token: string;
  currentSigningKey: string;
  nextSigningKey: string;
  /** First retry delay in ms, doubled for each further retry (default 1 000; tests use ~20). */
  retryBaseMs?: number;
  /** Retries when the publisher sets no `Upstash-Retries` (QStash's default is 3). */
  defaultRetries?: number;
  /** Per-delivery timeout when the publisher sets no `Upstash-Timeout` (default 30 s). */
  timeoutMs?: number;
  /** Allow destinations off this machine (default false: only loopback URLs are delivered to). */
  allowRemoteDestinations?: boolean;
  log?: Logger;
}

/** The endpoint: `url`/`token`/keys are the Worker's `QSTASH_*` variables. */
export interface QstashService extends Service {
  token: string;
  currentSigningKey: string;
  nextSigningKey: string;
  /** Dead-lettered messages, oldest first. */
  deadLetters(): DlqMessage[];
}

/**
 * Starts a local endpoint speaking the QStash v2 API that the `@upstash/qstash` Client uses:
 * `POST /v2/publish/<destination>`, `POST /v2/batch`, `GET|DELETE /v2/messages/:id`,
 * `GET /v2/dlq`, `DELETE /v2/dlq/:id`, `GET /v2/keys`. Deliveries are signed so the real
 * `Receiver` verifies them, delayed, retried with exponential backoff, then dead-lettered.
 */
export async function startQstash(options: QstashOptions): Promise<QstashService> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  const base = options.retryBaseMs ?? 1_000;
  const deliverer = new Deliverer({ signingKey: options.currentSigningKey, backoff: (n) => base * 2 ** (n - 1), log });
  const parser = new PublishParser({
    defaultRetries: options.defaultRetries ?? 3,
    timeoutMs: options.timeoutMs ?? 30_000,
    checkDestination: (url) => options.allowRemoteDestinations === true || isLoopback(url.hostname),
  });

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (bearerToken(req, url) !== options.token) throw new HttpError(401, 'Unauthorized');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'POST' && path.startsWith('/v2/publish/')) {
      const raw = req.url!.slice(req.url!.indexOf('/v2/publish/') + 12);
      // The client sends the destination as is; an encoded one (http%3A%2F%2F...) is accepted too.
      const destination = /^https?%3A/i.test(raw) ? decodeURIComponent(raw) : raw;
      const { message, deduplicated } = parser.parse(destination, req.headers, await readBody(req));
      if (!deduplicated) deliverer.schedule(message);
      return sendJson(res, 201, deduplicated ? { messageId: message.messageId, deduplicated: true } : { messageId: message.messageId });
    }
    if (method === 'POST' && path === '/v2/batch') {
      const items = parseBatch(await readBody(req));
      const out = items.map((item) => {
        const { message, deduplicated } = parser.parse(item.destination, lowerKeys(item.headers ?? {}), Buffer.from(item.body ?? '', 'utf8'));
        if (!deduplicated) deliverer.schedule(message);
        return { messageId: message.messageId, ...(deduplicated && { deduplicated: true }) };
      });
      return sendJson(res, 201, out);
    }
    if (method === 'GET' && path === '/v2/keys') return sendJson(res, 200, { current: options.currentSigningKey, next: options.nextSigningKey });
    if (method === 'GET' && path === '/v2/dlq') return sendJson(res, 200, { messages: [...deliverer.dlq.values()] });
    const dlqMatch = /^\/v2\/dlq\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && dlqMatch) {
      if (!deliverer.dlq.delete(decodeURIComponent(dlqMatch[1]!))) throw new HttpError(404, 'message not found in dlq');
      return void res.writeHead(200).end();
    }
    const msgMatch = /^\/v2\/messages\/([^/]+)$/.exec(path);
    if (msgMatch) {
      const id = decodeURIComponent(msgMatch[1]!);
      if (method === 'GET') {
        const m = deliverer.get(id);
        if (!m) throw new HttpError(404, 'message not found');
        return sendJson(res, 200, m);
      }
      if (method === 'DELETE') {
        if (!deliverer.cancel(id)) throw new HttpError(404, 'message not found');
        return void res.writeHead(202).end();
      }
    }
    throw new HttpError(404, `no route for ${method} ${path}`);
  }

  const server = await listen(options.port, host, handle);
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}:${server.port}`,
    port: server.port,
    token: options.token,
    currentSigningKey: options.currentSigningKey,
    nextSigningKey: options.nextSigningKey,
    deadLetters: () => [...deliverer.dlq.values()],
    stop: () =>
      (stopped ??= (async () => {
        deliverer.stop();
        await server.close();
      })()),
  };
}

interface BatchItem {
  destination: string;
  headers?: Record<string, string>;
  body?: string;
}

function parseBatch(body: Buffer): BatchItem[] {
  let items: unknown;
  try {
    items = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body must be a JSON array of messages');
  }
  if (!Array.isArray(items) || !items.every((i) => i && typeof i === 'object' && typeof (i as BatchItem).destination === 'string')) {
    throw new HttpError(400, 'body must be a JSON array of messages with a destination');
  }
  return items as BatchItem[];
}

const lowerKeys = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
