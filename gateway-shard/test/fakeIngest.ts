import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@edge/shared/protocol';

/** An ingest stand-in for gateway-level tests: checks signatures with the Worker's verifier, keeps events by id. */
export interface FakeIngest {
  url: string;
  port: number;
  events: Map<string, { type: string; guildId: string | null; payload: Record<string, unknown> }>;
  requests: number;
  close(): Promise<void>;
}

/** Starts a fake `POST /ingest` on a free loopback port (or `port`). */
export async function startFakeIngest(secret: string, port = 0): Promise<FakeIngest> {
  const events: FakeIngest['events'] = new Map();
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => void (async () => {
      state.requests++;
      const problem = await verifySignature(secret, req.headers['x-shard-timestamp'] as string, req.headers['x-shard-signature'] as string, body);
      if (problem) return res.writeHead(401).end(problem);
      const batch = JSON.parse(body) as { batchId: string; events: { id: string; type: string; guildId: string | null; payload: Record<string, unknown> }[] };
      for (const e of batch.events) if (!events.has(e.id)) events.set(e.id, { type: e.type, guildId: e.guildId, payload: e.payload });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ batchId: batch.batchId, acked: batch.events.map((e) => e.id) }));
    })().catch((err: unknown) => {
      // An exception would otherwise leave the request hanging and the rejection unhandled.
      console.error(err);
      res.destroy();
    }));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    events,
    get requests() {
      return state.requests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
