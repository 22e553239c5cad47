import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP forwarder in front of the Worker that a test can take down and bring back on the same port. */
export interface SwitchableProxy {
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Forwards `POST`s to `target`; while down, the port refuses connections. */
export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  let port = 0;
  let server: Server | null = null;
  const listen = async () => {
    const s = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void (async () => {
        try {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
          const r = await fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
          const body = Buffer.from(await r.arrayBuffer());
          res.writeHead(r.status, Object.fromEntries([...r.headers].filter(([k]) => k !== 'content-encoding' && k !== 'transfer-encoding'))).end(body);
        } catch {
          res.writeHead(502).end();
        }
      })().catch((err: unknown) => {
        // An exception would otherwise leave the request hanging and the rejection unhandled.
        console.error(err);
        res.destroy();
      }));
    });
    await new Promise<void>((r) => s.listen(port, '127.0.0.1', r));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  };
  await listen();
  return { url: `http://127.0.0.1:${port}`, down: stop, up: listen, close: stop };
}
