import { Agent as HttpAgent, request as httpReq, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsReq } from 'node:https';

/** Options of {@link httpRequest}. */
export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Whole request, connect to last byte (default 30 s). */
  timeoutMs?: number;
}

/** A buffered answer. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Thrown when the request never got an answer (refused, reset, timed out). */
export class HttpTransportError extends Error {
  override name = 'HttpTransportError';
  constructor(readonly url: string, message: string) {
    super(message);
  }
}

// Keep-alive: one batch after another reuses the socket to the Worker.
const agents = { 'http:': new HttpAgent({ keepAlive: true, maxSockets: 8 }), 'https:': new HttpsAgent({ keepAlive: true, maxSockets: 8 }) };

/**
 * One HTTP(S) request with `node:http`, body buffered as text. Why not `fetch`: Node's fetch
 * loads undici and compiles its llhttp WebAssembly parser, about 10 MB of RSS in a process
 * whose whole point is to stay small; the shard only ever sends small JSON requests.
 */
export function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsReq : target.protocol === 'http:' ? httpReq : null;
  if (!send) return Promise.reject(new HttpTransportError(url, `unsupported protocol ${target.protocol}`));
  const headers: Record<string, string | number> = { ...options.headers };
  if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
  return new Promise((resolve, reject) => {
    const req = send(target, { method: options.method ?? 'GET', headers, agent: agents[target.protocol as 'http:'], signal: options.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => reject(new HttpTransportError(url, err.message)));
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('request timed out')));
    req.on('error', (err) => reject(options.signal?.aborted ? err : new HttpTransportError(url, err.message)));
    req.end(options.body);
  });
}
