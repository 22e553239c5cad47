import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

/**
 * One per guild: the write path and hot read path of the guild's module config, and the
 * WebSocket hub of its dashboard clients (hibernation API). Filled in by the module system.
 */
export class GuildHub extends DurableObject<Env> {
  override async fetch(_request: Request): Promise<Response> {
    return Response.json({ error: 'Not Found' }, { status: 404 });
  }
}
