import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchGatewayBot, GatewayInfoError } from './fetchGatewayBot';

const INFO = { url: 'ws://x/gateway', shards: 2, session_start_limit: { total: 1000, remaining: 999, reset_after: 1000, max_concurrency: 1 } };
let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r())));

/** A REST stand-in answering with `statuses` in turn (then 200), recording each request. */
async function rest(statuses: number[]) {
  const seen: { url?: string; auth?: string }[] = [];
  server = createServer((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization });
    const status = statuses.shift() ?? 200;
    if (status === 200) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(INFO));
    res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {}).end('{"message":"no"}');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, seen };
}

describe('fetchGatewayBot', () => {
  it('asks GET /v10/gateway/bot with the bot token, through 429 and 5xx', async () => {
    const r = await rest([429, 502]);
    expect(await fetchGatewayBot('tok', r.api)).toEqual(INFO);
    expect(r.seen).toHaveLength(3);
    expect(r.seen[0]).toEqual({ url: '/api/v10/gateway/bot', auth: 'Bot tok' });
  });

  it('fails at once on 401 (bad token), without retrying', async () => {
    const r = await rest([401]);
    await expect(fetchGatewayBot('bad', r.api)).rejects.toMatchObject({ name: 'GatewayInfoError', status: 401 });
    expect(r.seen).toHaveLength(1);
    expect(new GatewayInfoError(401, 'x')).toBeInstanceOf(Error);
  });
});
