/**
 * Counters in front of the local stack's services, so the bench sees every subrequest the
 * Worker (and its Durable Objects) makes, from outside the process it measures:
 * - a TCP forwarder in front of Postgres that parses the frontend protocol and counts
 *   connections and statements (simple `Query` and extended `Execute` messages);
 * - HTTP forwarders for Discord REST, Upstash Redis REST (commands: one per request, or the
 *   length of a `/pipeline` or `/multi-exec` array) and QStash.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** Counts of one service; the bench reads deltas around each invocation. */
export interface Counts {
  requests: number;
  /** Postgres statements, Redis commands (equal to requests elsewhere). */
  commands: number;
  bytesIn: number;
  /** Connections or requests open right now (0: the service is idle). */
  open: number;
}

/** A running forwarder. */
export interface CountingProxy {
  url: string;
  port: number;
  counts: Counts;
  stop(): Promise<void>;
}

const STARTUP = 196_608;

/** Forwards TCP to Postgres at `target` (host:port), counting connections and statements. */
export async function countingPostgres(target: { host: string; port: number }): Promise<CountingProxy> {
  const counts: Counts = { requests: 0, commands: 0, bytesIn: 0, open: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    counts.requests++;
    counts.open++;
    let closed = false;
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let buf = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      counts.bytesIn += chunk.length;
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 8) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          if (buf.readInt32BE(4) === STARTUP) started = true;
          buf = buf.subarray(len);
          continue;
        }
        if (buf.length < 5) break;
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) break;
        const type = String.fromCharCode(buf[0]!);
        if (type === 'Q' || type === 'E') counts.commands++;
        buf = buf.subarray(len + 1);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (d) => client.write(d));
    const close = () => {
      if (!closed) {
        closed = true;
        counts.open--;
      }
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `127.0.0.1:${port}`, port, counts,
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

const commandsIn = (path: string, body: string): number => {
  if (!/\/(pipeline|multi-exec)$/.test(path)) return 1;
  try {
    const parsed = JSON.parse(body) as unknown[];
    return Array.isArray(parsed) ? parsed.length : 1;
  } catch {
    return 1;
  }
};

/** Forwards HTTP to `target` (an origin plus optional path prefix), counting requests (and Redis commands). */
export async function countingHttp(target: string): Promise<CountingProxy> {
  const counts: Counts = { requests: 0, commands: 0, bytesIn: 0, open: 0 };
  const base = target.replace(/\/$/, '');
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    counts.requests++;
    counts.open++;
    counts.bytesIn += body.length;
    counts.commands += commandsIn(req.url ?? '/', body.toString('utf8'));
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (k !== 'host' && k !== 'connection' && typeof v === 'string') headers.set(k, v);
    try {
      const up = await fetch(`${new URL(base).origin}${req.url}`, { method: req.method, headers, body: body.length && req.method !== 'GET' && req.method !== 'HEAD' ? body : undefined, redirect: 'manual' });
      const out: Record<string, string> = {};
      up.headers.forEach((v, k) => {
        if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
      });
      res.writeHead(up.status, out).end(Buffer.from(await up.arrayBuffer()));
    } catch (err) {
      res.writeHead(502).end(String(err));
    } finally {
      counts.open--;
    }
  };
  const server = createHttpServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const prefix = new URL(base).pathname.replace(/\/$/, '');
  return {
    url: `http://127.0.0.1:${port}${prefix}`, port, counts,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
