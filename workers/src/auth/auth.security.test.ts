import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBackends, startApiHarness, type ApiHarness } from '../api/testing/apiHarness';
import { signAccessToken } from './accessToken';
import { setCookieLines } from '../api/testing/setCookieLines';

describe.each(apiBackends())('%s', (_backend, backends) => {
  let h: ApiHarness;
  let appId: string;
  beforeAll(async () => {
    h = await startApiHarness({ backends });
    appId = h.config.DISCORD_APPLICATION_ID;
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Cookie values from a response's Set-Cookie headers. */
  function cookiesOf(res: Response): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of setCookieLines(res)) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      out[pair!.slice(0, i)] = pair!.slice(i + 1);
    }
    return out;
  }

  const origin = () => new URL(h.config.PUBLIC_URL).origin;

  /** Starts a login: returns the state Discord would get back and the browser's binding cookie. */
  async function startLogin(redirect = '/guilds'): Promise<{ state: string; oauthCookie: string; location: URL; setCookie: string[] }> {
    const res = await h.request(`/auth/login?redirect=${redirect}`, { headers: { 'cf-connecting-ip': '10.0.0.1' } });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    return { state: location.searchParams.get('state')!, oauthCookie: cookiesOf(res).edge_oauth!, location, setCookie: setCookieLines(res) };
  }

  /** What Discord does after consent: a one-use code for this user. */
  function codeFor(userId: string): string {
    return h.sim.services.oauth.issueCode({ applicationId: appId, userId, scopes: ['identify', 'guilds'], redirectUri: `${origin()}/auth/callback` });
  }

  const callback = (q: Record<string, string>, oauthCookie?: string) =>
    h.request(`/auth/callback?${new URLSearchParams(q)}`, { headers: oauthCookie ? { cookie: `edge_oauth=${oauthCookie}` } : {} });

  async function login(userId: string): Promise<Record<string, string>> {
    const { state, oauthCookie } = await startLogin();
    const res = await callback({ code: codeFor(userId), state }, oauthCookie);
    expect(res.status, await res.clone().text()).toBe(302);
    return cookiesOf(res);
  }

  describe('OAuth2 login', () => {
    it('redirects to the authorize URL with a signed state and an HttpOnly; Secure; SameSite=Lax binding cookie', async () => {
      const { location, state, setCookie } = await startLogin();
      expect(location.pathname).toBe('/oauth2/authorize');
      expect(location.searchParams.get('scope')).toBe('identify guilds');
      expect(location.searchParams.get('redirect_uri')).toBe(`${origin()}/auth/callback`);
      expect(state.split('.')).toHaveLength(3);
      expect(setCookie.join()).toMatch(/edge_oauth=[^;]+;.*HttpOnly.*Secure.*SameSite=Lax/);
    });

    it('logs in, lands on the requested page with session cookies, and /api/me works', async () => {
      const { state, oauthCookie } = await startLogin();
      const res = await callback({ code: codeFor(h.users.admin), state }, oauthCookie);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/guilds');
      const set = setCookieLines(res).join('\n');
      expect(set).toMatch(/edge_at=[^;]+;.*HttpOnly.*Secure.*SameSite=Lax/);
      expect(set).toMatch(/edge_rt=[^;]+;.*Path=\/auth.*HttpOnly/);
      const me = await h.request('/api/me', { headers: { cookie: `edge_at=${cookiesOf(res).edge_at}` } });
      expect(await me.json()).toMatchObject({ id: h.users.admin, username: 'demo_admin' });
    });

    it('refuses a missing, forged, foreign-browser or replayed state (400 InvalidState)', async () => {
      const { state, oauthCookie } = await startLogin();
      const other = await startLogin();
      const cases: [string, Response][] = [
        ['missing state', await callback({ code: 'x' }, oauthCookie)],
        ['no binding cookie', await callback({ code: 'x', state })],
        ['forged signature', await callback({ code: 'x', state: state.slice(0, -4) + 'AAAA' }, oauthCookie)],
        ['another browser', await callback({ code: 'x', state }, other.oauthCookie)],
      ];
      for (const [name, res] of cases) {
        expect(res.status, name).toBe(400);
        expect(((await res.json()) as { code: string }).code, name).toBe('InvalidState');
      }
      const ok = await callback({ code: codeFor(h.users.owner), state }, oauthCookie);
      expect(ok.status).toBe(302);
      const replay = await callback({ code: codeFor(h.users.owner), state }, oauthCookie);
      expect(replay.status).toBe(400);
      expect(((await replay.json()) as { code: string }).code).toBe('InvalidState');
    });

    it('follows only same-origin paths after login: tabs, newlines, NUL, backslashes and // fall back to / (never a 500)', async () => {
      const attacks = ['/%09/evil.example', '/%0a/evil.example', '/%0d/evil.example', '/%00/evil.example', '/%5C/evil.example', '/%5C%5Cevil.example', '//evil.example', '/%2F/evil.example', 'https://evil.example', '/%E2%80%A8/x'];
      for (const attack of attacks) {
        const { state, oauthCookie } = await startLogin(attack);
        const res = await callback({ code: codeFor(h.users.viewer), state }, oauthCookie);
        expect(res.status, attack).toBe(302);
        const location = res.headers.get('location')!;
        expect(new URL(location, origin()).origin, `${attack} → ${JSON.stringify(location)}`).toBe(origin());
        expect(location, attack).toMatch(/^\/(?![/\\])[^\s\\]*$/);
      }
      const { state, oauthCookie } = await startLogin('/guilds/1/members?page=2');
      const ok = await callback({ code: codeFor(h.users.viewer), state }, oauthCookie);
      expect(ok.headers.get('location')).toBe('/guilds/1/members?page=2');
    });

    it('a refused consent goes back to the app, not an error page', async () => {
      const { oauthCookie } = await startLogin();
      const res = await callback({ error: 'access_denied' }, oauthCookie);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/?authError=access_denied');
    });
  });

  describe('sessions', () => {
    const refresh = (rt: string, withOrigin = true) =>
      h.request('/auth/refresh', { method: 'POST', headers: { cookie: `edge_rt=${rt}`, ...(withOrigin && { origin: origin() }) } });

    it('rotates the refresh token; reusing a spent one revokes the whole family', async () => {
      const first = await login(h.users.viewer);
      const r1 = await refresh(first.edge_rt!);
      expect(r1.status).toBe(200);
      const second = cookiesOf(r1);
      expect(second.edge_rt).toBeTruthy();
      expect(second.edge_rt).not.toBe(first.edge_rt);
      const reuse = await refresh(first.edge_rt!);
      expect(reuse.status).toBe(401);
      expect(((await reuse.json()) as { code: string }).code).toBe('RefreshTokenReused');
      // The legitimate holder's newer token is dead too, and so is the family's access token.
      const after = await refresh(second.edge_rt!);
      expect(after.status).toBe(401);
      const me = await h.request('/api/me', { headers: { cookie: `edge_at=${second.edge_at}` } });
      expect(me.status).toBe(401);
    });

    it('two parallel refreshes with one token: reuse revokes the whole family, the winner included', async () => {
      for (let round = 0; round < 3; round++) {
        const first = await login(h.users.viewer);
        const [a, b] = await Promise.all([refresh(first.edge_rt!), refresh(first.edge_rt!)]);
        const statuses = [a.status, b.status].sort();
        expect(statuses, 'exactly one refresh wins').toEqual([200, 401]);
        const loser = a.status === 401 ? a : b;
        expect(((await loser.json()) as { code: string }).code).toBe('RefreshTokenReused');
        const winner = a.status === 200 ? a : b;
        const won = cookiesOf(winner);
        expect((await h.request('/api/me', { headers: { cookie: `edge_at=${won.edge_at}` } })).status, 'winner access token').toBe(401);
        expect((await refresh(won.edge_rt!)).status, 'winner refresh token').toBe(401);
      }
    });

    it('refuses refresh without Origin (CSRF) with 403 BadOrigin', async () => {
      const c = await login(h.users.viewer);
      const res = await refresh(c.edge_rt!, false);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('BadOrigin');
    });

    it('an expired access token gets 401 TokenExpired; a forged one InvalidToken', async () => {
      const expired = await signAccessToken(h.config.SESSION_SECRET, { id: h.users.admin, familyId: crypto.randomUUID() }, -5);
      const res = await h.request('/api/me', { headers: { cookie: `edge_at=${expired}` } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ statusCode: 401, code: 'TokenExpired', path: '/api/me' });
      const forged = await signAccessToken('x'.repeat(40), { id: h.users.admin, familyId: crypto.randomUUID() });
      const bad = await h.request('/api/me', { headers: { cookie: `edge_at=${forged}` } });
      expect(((await bad.json()) as { code: string }).code).toBe('InvalidToken');
    });

    it('logout revokes every session of the user (all devices)', async () => {
      const laptop = await login(h.users.otherAdmin);
      const phone = await login(h.users.otherAdmin);
      const out = await h.request('/auth/logout', { method: 'POST', headers: { origin: origin(), cookie: `edge_at=${laptop.edge_at}` } });
      expect(out.status).toBe(204);
      expect((await refresh(phone.edge_rt!)).status).toBe(401);
      expect((await h.request('/api/me', { headers: { cookie: `edge_at=${phone.edge_at}` } })).status).toBe(401);
      const again = await login(h.users.otherAdmin);
      expect((await h.request('/api/me', { headers: { cookie: `edge_at=${again.edge_at}` } })).status).toBe(200);
    });
  });

  describe('rate limits (seed 004 tiers)', () => {
    it('the auth tier answers 429 with Retry-After once the per-IP budget is spent', async () => {
      const { createApp } = await import('../app');
      const app = createApp({ rateLimits: { global: 1000, auth: 3, mutation: 1000 }, log: () => {} });
      const ip = { 'cf-connecting-ip': `10.1.2.${Math.floor(Math.random() * 200)}` };
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await app.request('/auth/login', { headers: ip }, h.env);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([302, 302, 302, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await last!.json()).toMatchObject({ statusCode: 429, code: 'RateLimited' });
    });
  });
});
