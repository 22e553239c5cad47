import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, atLeast, type AccessLevel } from './access/levels';
import { startApiHarness, type ApiHarness, type Persona } from './testing/apiHarness';

/**
 * Every `/api/guilds/:guildId/*` route and the level it needs, with a plausible body so an
 * allowed caller reaches the handler. A route missing here fails the enumeration test.
 */
const MATRIX: Record<string, { need: AccessLevel | 'instanceOwner'; body?: unknown; params?: Record<string, string> }> = {
  'GET /api/guilds/:guildId': { need: 'view' },
  'GET /api/guilds/:guildId/ws': { need: 'view' },
  'GET /api/guilds/:guildId/audit-log': { need: 'view' },
  'GET /api/guilds/:guildId/discord-audit-log': { need: 'view' },
  'GET /api/guilds/:guildId/settings': { need: 'view' },
  'PATCH /api/guilds/:guildId/settings': { need: 'admin', body: { verificationLevel: 2 } },
  'GET /api/guilds/:guildId/users/:userId': { need: 'view' },
  'GET /api/guilds/:guildId/members': { need: 'view' },
  'GET /api/guilds/:guildId/members/:userId': { need: 'view' },
  'GET /api/guilds/:guildId/bans': { need: 'view' },
  'POST /api/guilds/:guildId/members/:userId/kick': { need: 'admin', body: { reason: 'matrix' } },
  'POST /api/guilds/:guildId/members/:userId/ban': { need: 'admin', body: { reason: 'matrix', deleteMessageSeconds: 0 } },
  'DELETE /api/guilds/:guildId/bans/:userId': { need: 'admin' },
  'POST /api/guilds/:guildId/members/:userId/timeout': { need: 'admin', body: { duration: 60 } },
  'PATCH /api/guilds/:guildId/members/:userId/nickname': { need: 'admin', body: { nick: 'matrix' } },
  'PUT /api/guilds/:guildId/members/:userId/roles/:roleId': { need: 'admin' },
  'DELETE /api/guilds/:guildId/members/:userId/roles/:roleId': { need: 'admin' },
  'GET /api/guilds/:guildId/channels': { need: 'view' },
  'POST /api/guilds/:guildId/channels': { need: 'admin', body: { name: 'matrix' } },
  'PATCH /api/guilds/:guildId/channels/:channelId': { need: 'admin', body: { topic: 'matrix' } },
  'DELETE /api/guilds/:guildId/channels/:channelId': { need: 'admin' },
  'POST /api/guilds/:guildId/channels/:channelId/clone': { need: 'admin', body: {} },
  'PUT /api/guilds/:guildId/channels/:channelId/permissions/:overwriteId': { need: 'admin', body: { type: 'role', allow: '0', deny: '1024' } },
  'DELETE /api/guilds/:guildId/channels/:channelId/permissions/:overwriteId': { need: 'admin' },
  'GET /api/guilds/:guildId/roles': { need: 'view' },
  'POST /api/guilds/:guildId/roles': { need: 'admin', body: { name: 'matrix' } },
  'PATCH /api/guilds/:guildId/roles/:roleId': { need: 'admin', body: { name: 'matrix' } },
  'DELETE /api/guilds/:guildId/roles/:roleId': { need: 'admin' },
  'POST /api/guilds/:guildId/roles/:roleId/members': { need: 'admin', body: { action: 'add', userIds: ['PLACEHOLDER_USER'] } },
  'GET /api/guilds/:guildId/access': { need: 'view' },
  'PUT /api/guilds/:guildId/access/:userId': { need: 'manage', body: { level: 'view' } },
  'DELETE /api/guilds/:guildId/access/:userId': { need: 'manage' },
  'GET /api/guilds/:guildId/dead-letters': { need: 'view' },
  'POST /api/guilds/:guildId/dead-letters/:id/retry': { need: 'edit', params: { id: '1' } },
  // The module system's sub-app (mounted behind guild access by mountModuleRoutes).
  'GET /api/guilds/:guildId/modules': { need: 'view' },
  'GET /api/guilds/:guildId/modules/:moduleId': { need: 'view' },
  'POST /api/guilds/:guildId/modules/:moduleId/enable': { need: 'edit', body: {} },
  'POST /api/guilds/:guildId/modules/:moduleId/disable': { need: 'edit', body: {} },
  'PUT /api/guilds/:guildId/modules/:moduleId/config': { need: 'edit', body: { config: {} } },
  'GET /api/guilds/:guildId/modules/:moduleId/revisions': { need: 'view' },
  'GET /api/guilds/:guildId/modules/:moduleId/bot-permissions': { need: 'view' },
  'GET /api/guilds/:guildId/modules/:moduleId/revisions/:revisionId': { need: 'view' },
  'POST /api/guilds/:guildId/modules/:moduleId/revisions/:revisionId/rollback': { need: 'edit' },
  'GET /api/guilds/:guildId/modules/stats/overview': { need: 'view' },
  'GET /api/guilds/:guildId/modules/stats/channels': { need: 'view' },
  'GET /api/guilds/:guildId/modules/stats/timeline': { need: 'view' },
  'GET /api/guilds/:guildId/modules/stats/members/:userId': { need: 'view' },
  'GET /api/guilds/:guildId/modules/stats/members/:userId/daily': { need: 'view' },
  'GET /api/guilds/:guildId/modules/stats/leaderboard': { need: 'view' },
  'GET /api/guilds/:guildId/modules/stats/export.csv': { need: 'view' },
  'POST /api/guilds/:guildId/modules/welcome/test': { need: 'edit' },
  'GET /api/guilds/:guildId/plan': { need: 'view' },
  'PUT /api/guilds/:guildId/plan': { need: 'instanceOwner', body: { plan: 'premium' } },
};

/** Each persona's level on the demo guild (null = none). */
const LEVEL: Record<Persona, AccessLevel | null> = { anonymous: null, member: null, otherAdmin: null, viewer: 'view', admin: 'admin', owner: 'owner' };
const PERSONAS: Persona[] = ['anonymous', 'member', 'otherAdmin', 'viewer', 'admin', 'owner'];
const ACCESS_CODES = new Set(['Unauthenticated', 'NoGuildAccess', 'NotInstanceOwner', 'BotNotInGuild']);

let h: ApiHarness;
let guildRoutes: string[];
beforeAll(async () => {
  h = await startApiHarness();
  const seen = new Set<string>();
  for (const r of h.app.routes) if (r.method !== 'ALL' && r.path.startsWith('/api/guilds/:guildId')) seen.add(`${r.method} ${r.path}`);
  guildRoutes = [...seen].sort();
});
afterAll(async () => {
  await h?.stop();
});

describe('authorization matrix', () => {
  it('has an entry for every /api/guilds/:guildId route of the router (and none stale)', () => {
    expect(guildRoutes.length).toBeGreaterThan(20);
    expect(guildRoutes.filter((r) => !(r in MATRIX)), 'routes without a matrix entry').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !guildRoutes.includes(k)), 'matrix entries without a route').toEqual([]);
  });

  it('allows exactly the personas with the level each route needs', async () => {
    const { demo } = h;
    const target = demo.memberIds[15]!;
    const params: Record<string, string> = {
      guildId: demo.guildId,
      userId: target,
      channelId: demo.channels['general']!,
      roleId: demo.roles.newcomer,
      overwriteId: demo.roles.verified,
      moduleId: 'welcome',
      revisionId: '1',
    };
    const failures: string[] = [];
    for (const key of guildRoutes) {
      const entry = MATRIX[key]!;
      const [method, path] = key.split(' ') as [string, string];
      for (const persona of PERSONAS) {
        const url = path.replace(/:(\w+)/g, (_, p: string) => entry.params?.[p] ?? params[p] ?? '1');
        const body = entry.body === undefined ? undefined : JSON.stringify(entry.body).replace('PLACEHOLDER_USER', target);
        const res = await h.request(url, { method, headers: h.headers(persona), body });
        if (process.env.API_TEST_LOG) console.log("REQ", key, persona, res.status);
        const json = (await res.json().catch(() => ({}))) as { code?: string };
        const denied = res.status === 401 || (res.status === 403 && ACCESS_CODES.has(json.code ?? ''));
        const shouldAllow = entry.need === 'instanceOwner' ? false : atLeast(LEVEL[persona], entry.need);
        if (persona === 'anonymous' && res.status !== 401) failures.push(`${key} anonymous → ${res.status} (want 401)`);
        if (denied === shouldAllow) failures.push(`${key} ${persona} → ${res.status} ${json.code ?? ''} (want ${shouldAllow ? 'allowed' : 'denied'})`);
        if (res.status >= 500) failures.push(`${key} ${persona} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('levels are ordered as documented', () => {
    expect(ACCESS_LEVELS).toEqual(['view', 'edit', 'manage', 'admin', 'owner']);
  });
});
