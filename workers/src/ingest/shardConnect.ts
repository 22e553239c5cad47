import { Hono } from 'hono';
import { HttpError } from '../errors';
import { countUsage } from '../lib/usage';
import { requireConfig } from '../middleware/require-config';
import type { AppEnv } from '../types';
import { CONNECT_BODY, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '@edge/shared/protocol';

/**
 * `GET /shard/connect`: the shard's config WebSocket. The upgrade is authenticated with the
 * same HMAC scheme as `/ingest` (over {@link CONNECT_BODY}, 5-minute window; 401 otherwise),
 * then handed to the singleton ShardCoordinator Durable Object.
 */
export const shardConnect = new Hono<AppEnv>().get('/connect', requireConfig(), async (c) => {
  const problem = await verifySignature(c.get('config').SHARD_SECRET, c.req.header(TIMESTAMP_HEADER), c.req.header(SIGNATURE_HEADER), CONNECT_BODY);
  if (problem) {
    c.get('log').warn('shard connect refused', { problem });
    throw new HttpError(401, `Invalid shard signature (${problem})`, { code: 'InvalidSignature' });
  }
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new HttpError(426 as 400, 'Expected a WebSocket upgrade', { code: 'UpgradeRequired' });
  const ns = c.env.SHARD_COORDINATOR;
  countUsage('doRequests');
  const res = await ns.get(ns.idFromName('singleton')).fetch(c.req.raw);
  // A Durable Object's response has immutable headers; re-wrap it so middleware can add x-request-id.
  return new Response(res.body, { status: res.status, headers: res.headers, webSocket: res.webSocket });
});
