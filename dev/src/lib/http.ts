import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP error with the JSON body to answer. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = { error: message },
  ) {
    super(message);
  }
}

const MAX_BODY = 10 * 1024 * 1024;

/** Reads a request body as a Buffer, refusing bodies over 10 MiB with a 413. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** The bearer token of a request (`Authorization: Bearer x`, or `?_token=x` as Upstash allows). */
export function bearerToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return url.searchParams.get('_token') ?? undefined;
}

/**
 * Starts an HTTP server whose handler may throw {@link HttpError} (answered as JSON) or
 * anything else (answered 500 without details); returns it with its real port.
 */
export async function listen(
  port: number,
  host: string,
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    handler(req, res, url).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof HttpError) sendJson(res, err.status, err.body);
      else sendJson(res, 500, { error: 'internal error' });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  let closed: Promise<void> | undefined;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
