import WebSocket from 'ws';
import type { FullSystem } from '@edge/dev/testing';
import { setCookieLines } from '../../api/testing/setCookieLines';

/** A logged-in dashboard user driving the real Worker with fetch (cookies kept in a jar). */
export interface DashboardSession {
  /** Calls `/api{path}` with the session cookies and the dashboard's Origin; parses JSON. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string }>;
  /** Opens the guild's live hub socket; `messages` collects every JSON message it sends. */
  hubSocket(guildId: string): Promise<{ messages: Record<string, unknown>[]; close(): void }>;
}

/**
 * Logs in as the simulator's demo owner through the real OAuth2 flow (`/auth/login` → the
 * simulator's authorize page with `prompt=none` → `/auth/callback`), like the dashboard does.
 */
export async function loginDashboard(sys: FullSystem): Promise<DashboardSession> {
  const jar = new Map<string, string>();
  const origin = new URL(sys.publicUrl).origin;
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const go = async (url: string, init: RequestInit = {}) => {
    // PUBLIC_URL is localhost:PORT; fetch the Worker by its loopback address.
    const real = url.startsWith(origin) ? sys.worker.url + url.slice(origin.length) : url.startsWith('/') ? sys.worker.url + url : url;
    const headers = new Headers(init.headers);
    if (real.startsWith(sys.worker.url) && jar.size) headers.set('cookie', cookie());
    const res = await fetch(real, { ...init, headers, redirect: 'manual' });
    for (const line of setCookieLines(res)) {
      const [pair, ...attrs] = line.split(';');
      const at = pair!.indexOf('=');
      const [k, v] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || v === '') jar.delete(k);
      else jar.set(k, v);
    }
    return res;
  };
  let res = await go('/auth/login?redirect=/guilds');
  for (let hops = 0; hops < 6 && res.status === 302; hops++) {
    let location = res.headers.get('location')!;
    if (location.startsWith('/') && !location.startsWith('/auth/')) break;
    // The consent page would wait for a click; prompt=none approves as the demo owner.
    if (location.includes('/oauth2/authorize')) location += '&prompt=none';
    res = await go(location);
  }
  if (!jar.has('edge_at')) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
  return {
    async api<T>(method: string, path: string, body?: unknown) {
      const r = await go(`/api${path}`, {
        method,
        headers: { origin, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // CSV and empty bodies stay text.
      }
      return { status: r.status, body: parsed as T, text };
    },
    async hubSocket(guildId: string) {
      const ws = new WebSocket(`${sys.worker.url.replace(/^http/, 'ws')}/api/guilds/${guildId}/ws`, { headers: { cookie: cookie(), origin } });
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
        ws.once('unexpected-response', (_req, r) => reject(new Error(`hub socket refused: HTTP ${r.statusCode}`)));
      });
      return { messages, close: () => ws.close() };
    },
  };
}
