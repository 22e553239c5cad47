import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

/**
 * Singleton link to the gateway shard: holds its WebSocket (hibernation API) and pushes
 * `module:change` so the shard forwards only what enabled modules need.
 */
export class ShardCoordinator extends DurableObject<Env> {
  override async fetch(_request: Request): Promise<Response> {
    return Response.json({ error: 'Not Found' }, { status: 404 });
  }
}
