import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, type Logger } from '../lib/log';
import type { Service, ServiceOptions } from '../lib/Service';
import { isLoopback } from './isLoopback';

/** Options of {@link startNeonProxy}. */
export interface NeonProxyOptions extends ServiceOptions {
  log?: Logger;
}

/** The proxy; `hostPort` is what `NEON_WS_PROXY` takes. */
export interface NeonProxyService extends Service {
  /** `127.0.0.1:PORT`, the value of the Worker's `NEON_WS_PROXY`. */
  hostPort: string;
}

function parseAddress(raw: string | null): { host: string; port: number } | undefined {
  const m = raw ? /^(.+):(\d{1,5})$/.exec(raw) : null;
  if (!m) return undefined;
  const port = Number(m[2]);
  return port > 0 && port < 65_536 ? { host: m[1]!, port } : undefined;
}

/**
 * The WebSocket-to-TCP proxy `@neondatabase/serverless` uses outside Neon: the driver opens
 * `ws://HOST:PORT/v2?address=db-host:db-port` and sends raw Postgres bytes in binary frames,
 * which are piped to the TCP socket and back. Only loopback targets are allowed, so the
 * proxy cannot be used to reach other machines.
 */
export async function startNeonProxy(options: NeonProxyOptions): Promise<NeonProxyService> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'WebSocket upgrade required' }));
  });
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const target = parseAddress(url.searchParams.get('address'));
    const reject = (status: number, reason: string) => {
      log('warn', 'neon proxy rejected', { status, reason });
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/v2' && url.pathname !== '/') return reject(404, 'Not Found');
    if (!target) return reject(400, 'Bad Request');
    if (!isLoopback(target.host)) return reject(403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => pipe(ws, target));
  });

  function pipe(ws: WebSocket, target: { host: string; port: number }): void {
    sockets.add(ws);
    const tcp = connect(target.port, target.host);
    tcp.setNoDelay(true);
    const pending: Buffer[] = [];
    let connected = false;
    tcp.on('connect', () => {
      connected = true;
      for (const chunk of pending.splice(0)) tcp.write(chunk);
    });
    tcp.on('data', (data) => ws.readyState === ws.OPEN && ws.send(data));
    tcp.on('error', (err) => {
      log('warn', 'neon proxy upstream error', { target: `${target.host}:${target.port}`, error: err.message });
      ws.close(1011, 'upstream error');
    });
    tcp.on('close', () => ws.readyState === ws.OPEN && ws.close());
    ws.on('message', (data: Buffer) => (connected ? tcp.write(data) : pending.push(data)));
    ws.on('close', () => {
      sockets.delete(ws);
      tcp.end();
    });
    ws.on('error', () => tcp.destroy());
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    url: `ws://${host}:${port}`,
    hostPort: `${host}:${port}`,
    port,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      })),
  };
}
