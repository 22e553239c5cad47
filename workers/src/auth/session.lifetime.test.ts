import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setCookieLines } from '../api/testing/setCookieLines';
import { apiBackends, startApiHarness, type ApiHarness } from '../api/testing/apiHarness';

/** The dashboard's own API client (a DOM module: loaded untyped so the Worker's typecheck does not pull in the DOM's fetch types). */
const CLIENT = '../../../app/src/lib/api/client';
const { api } = (await import(CLIENT)) as { api: <T>(path: string) => Promise<T> };

describe.each(apiBackends())('%s', (_backend, backends) => {
  /**
   * A browser's cookie jar as far as sessions need: Max-Age (against the faked clock), Path,
   * deletion. The dashboard's own API client runs against the Worker through it.
   */
  class CookieJar {
    #cookies = new Map<string, { value: string; path: string; expires: number }>();

    take(res: Response): void {
      for (const line of setCookieLines(res)) {
        const [pair, ...attrs] = line.split(';').map((s) => s.trim());
        const i = pair!.indexOf('=');
        const name = pair!.slice(0, i);
        const attr = (k: string) => attrs.find((a) => a.toLowerCase().startsWith(`${k}=`))?.slice(k.length + 1);
        const maxAge = attr('max-age');
        const expires = maxAge !== undefined ? Date.now() + Number(maxAge) * 1000 : Infinity;
        if (expires <= Date.now()) this.#cookies.delete(name);
        else this.#cookies.set(name, { value: pair!.slice(i + 1), path: attr('path') ?? '/', expires });
      }
    }

    header(path: string): string {
      return [...this.#cookies]
        .filter(([, c]) => c.expires > Date.now() && path.startsWith(c.path))
        .map(([n, c]) => `${n}=${c.value}`)
        .join('; ');
    }

    has(name: string): boolean {
      const c = this.#cookies.get(name);
      return !!c && c.expires > Date.now();
    }

    drop(name: string): void {
      this.#cookies.delete(name);
    }
  }

  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ backends });
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** Logs `userId` in through /auth/login and the callback, as a browser would; returns its jar. */
  async function browserLogin(userId: string): Promise<CookieJar> {
    const jar = new CookieJar();
    const login = await h.request('/auth/login?redirect=/guilds', { headers: { 'cf-connecting-ip': '10.3.0.1' } });
    jar.take(login);
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const origin = new URL(h.config.PUBLIC_URL).origin;
    const code = h.sim.services.oauth.issueCode({ applicationId: h.config.DISCORD_APPLICATION_ID, userId, scopes: ['identify', 'guilds'], redirectUri: `${origin}/auth/callback` });
    const cb = await h.request(`/auth/callback?${new URLSearchParams({ code, state })}`, { headers: { cookie: jar.header('/auth/callback') } });
    expect(cb.status).toBe(302);
    jar.take(cb);
    // The dashboard's fetches go to the Worker with this jar's cookies and the page's Origin.
    vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
      const res = await h.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), origin, cookie: jar.header(path), 'cf-connecting-ip': '10.3.0.1' } });
      jar.take(res);
      return res;
    });
    return jar;
  }

  describe('a dashboard left open', () => {
    it('keeps working for a day without a new login: the API says TokenExpired and the client refreshes', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const jar = await browserLogin(h.users.viewer);
      expect(await api<{ id: string }>('/api/me')).toMatchObject({ id: h.users.viewer });
      const statuses: string[] = [];
      for (let minutes = 20; minutes <= 24 * 60; minutes += 20) {
        vi.setSystemTime(Date.now() + 20 * 60_000);
        // The access token inside has expired; the cookie carrying it has not.
        expect(jar.has('edge_at'), `access cookie after ${minutes} min`).toBe(true);
        const me = await api<{ id: string }>('/api/me').then((m) => m.id, (e: Error) => `${minutes} min: ${e.message}`);
        statuses.push(me);
      }
      expect(statuses.filter((s) => s !== h.users.viewer)).toEqual([]);
    });

    it('answers an expired access token with TokenExpired, not Unauthenticated', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const jar = await browserLogin(h.users.viewer);
      vi.setSystemTime(Date.now() + 16 * 60_000);
      const res = await h.request('/api/me', { headers: { cookie: jar.header('/api/me') } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('TokenExpired');
    });

    it('recovers from Unauthenticated (no access cookie) while the refresh cookie is valid', async () => {
      const jar = await browserLogin(h.users.viewer);
      jar.drop('edge_at');
      expect(await api<{ id: string }>('/api/me')).toMatchObject({ id: h.users.viewer });
      expect(jar.has('edge_at')).toBe(true);
    });

    it('still fails with Unauthenticated when there is no session at all', async () => {
      const jar = await browserLogin(h.users.viewer);
      jar.drop('edge_at');
      jar.drop('edge_rt');
      await expect(api('/api/me')).rejects.toMatchObject({ status: 401, code: 'Unauthenticated' });
    });
  });
});
