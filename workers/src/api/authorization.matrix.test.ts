import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedRoutes } from '../platform/moduleApi';
import { registry } from '../platform/registry';
import { ACCESS_LEVELS, atLeast, type AccessLevel } from './access/levels';
import { apiBackends, startApiHarness, type ApiHarness, type Persona } from './testing/apiHarness';

describe.each(apiBackends())('%s', (_backend, backends) => {
  /** What one route needs: a dashboard level and, for Discord actions, the Discord permission Discord requires. */
  interface Entry {
    need: AccessLevel | 'instanceOwner';
    /** The Discord permission(s) the actor must hold; `inChannel`: in the route's channel. */
    perm?: bigint;
    inChannel?: boolean;
    /** Params made anew for each request (a member to kick, a channel to delete), so one persona's success does not change the next one's answer. */
    fresh?: ('userId' | 'channelId' | 'roleId')[];
    body?: unknown;
    params?: Record<string, string>;
  }

  /**
   * Every core and module-system `/api/guilds/:guildId/*` route, the level it needs and the
   * Discord permission, with a plausible body so an allowed caller reaches the handler. A route
   * missing here (or from {@link MODULE_ROUTES}) fails the enumeration test.
   */
  const CORE: Record<string, Entry> = {
    'GET /api/guilds/:guildId': { need: 'view' },
    'GET /api/guilds/:guildId/ws': { need: 'view' },
    'GET /api/guilds/:guildId/live': { need: 'view' },
    'GET /api/guilds/:guildId/audit-log': { need: 'view' },
    'GET /api/guilds/:guildId/discord-audit-log': { need: 'view' },
    'GET /api/guilds/:guildId/settings': { need: 'view' },
    'PATCH /api/guilds/:guildId/settings': { need: 'admin', perm: P.ManageGuild, body: { verificationLevel: 2 } },
    'GET /api/guilds/:guildId/users/:userId': { need: 'view' },
    'GET /api/guilds/:guildId/capabilities': { need: 'view' },
    'GET /api/guilds/:guildId/members': { need: 'view' },
    'GET /api/guilds/:guildId/members/:userId': { need: 'view' },
    'GET /api/guilds/:guildId/bans': { need: 'view' },
    'POST /api/guilds/:guildId/members/:userId/kick': { need: 'admin', perm: P.KickMembers, fresh: ['userId'], body: { reason: 'matrix' } },
    'POST /api/guilds/:guildId/members/:userId/ban': { need: 'admin', perm: P.BanMembers, fresh: ['userId'], body: { reason: 'matrix', deleteMessageSeconds: 0 } },
    'DELETE /api/guilds/:guildId/bans/:userId': { need: 'admin', perm: P.BanMembers },
    'POST /api/guilds/:guildId/members/:userId/timeout': { need: 'admin', perm: P.ModerateMembers, fresh: ['userId'], body: { duration: 60 } },
    'PATCH /api/guilds/:guildId/members/:userId/nickname': { need: 'admin', perm: P.ManageNicknames, fresh: ['userId'], body: { nick: 'matrix' } },
    'PUT /api/guilds/:guildId/members/:userId/roles/:roleId': { need: 'admin', perm: P.ManageRoles, fresh: ['userId'] },
    'DELETE /api/guilds/:guildId/members/:userId/roles/:roleId': { need: 'admin', perm: P.ManageRoles, fresh: ['userId'] },
    'GET /api/guilds/:guildId/channels': { need: 'view' },
    'POST /api/guilds/:guildId/channels': { need: 'admin', perm: P.ManageChannels, body: { name: 'matrix' } },
    'PATCH /api/guilds/:guildId/channels/:channelId': { need: 'admin', perm: P.ManageChannels, inChannel: true, body: { topic: 'matrix' } },
    'DELETE /api/guilds/:guildId/channels/:channelId': { need: 'admin', perm: P.ManageChannels, inChannel: true, fresh: ['channelId'] },
    'POST /api/guilds/:guildId/channels/:channelId/clone': { need: 'admin', perm: P.ManageChannels | P.ManageRoles, inChannel: true, fresh: ['channelId'], body: {} },
    'PUT /api/guilds/:guildId/channels/:channelId/permissions/:overwriteId': { need: 'admin', perm: P.ManageRoles, inChannel: true, fresh: ['channelId'], body: { type: 'role', allow: '0', deny: '1024' } },
    'DELETE /api/guilds/:guildId/channels/:channelId/permissions/:overwriteId': { need: 'admin', perm: P.ManageRoles, inChannel: true, fresh: ['channelId'] },
    'GET /api/guilds/:guildId/roles': { need: 'view' },
    'POST /api/guilds/:guildId/roles': { need: 'admin', perm: P.ManageRoles, body: { name: 'matrix' } },
    'PATCH /api/guilds/:guildId/roles/:roleId': { need: 'admin', perm: P.ManageRoles, fresh: ['roleId'], body: { name: 'matrix' } },
    'DELETE /api/guilds/:guildId/roles/:roleId': { need: 'admin', perm: P.ManageRoles, fresh: ['roleId'] },
    'POST /api/guilds/:guildId/roles/:roleId/members': { need: 'admin', perm: P.ManageRoles, fresh: ['roleId'], body: { action: 'add', userIds: ['PLACEHOLDER_USER'] } },
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
    'GET /api/guilds/:guildId/plan': { need: 'view' },
    'PUT /api/guilds/:guildId/plan': { need: 'instanceOwner', body: { plan: 'premium' } },
  };

  /**
   * Each registered module's own routes, at the level and with the Discord permission they
   * declare (`moduleRoute({ requires, permission })`), so a new module needs no line here. A
   * write gets an empty body: the access and permission guards run before input validation, so
   * a caller at the level with the permission is let through (to a 400 at worst) and anyone
   * else refused.
   */
  const MODULE_ROUTES: Record<string, Entry> = Object.fromEntries(
    registry.all().flatMap((def) =>
      def.api
        ? guardedRoutes(def.id, def.api).map((r): [string, Entry] => [
            `${r.method} /api/guilds/:guildId/modules/${def.id}${r.path}`,
            { need: r.requires, perm: r.permission, body: ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined },
          ])
        : [],
    ),
  );
  const MATRIX: Record<string, Entry> = { ...CORE, ...MODULE_ROUTES };

  /** Each persona's level on the demo guild (null = none). */
  const LEVEL: Record<Persona, AccessLevel | null> = {
    anonymous: null,
    member: null,
    otherAdmin: null,
    foreign: null,
    viewer: 'view',
    manager: 'admin',
    staff: 'admin',
    admin: 'admin',
    owner: 'owner',
  };
  const PERSONAS: Persona[] = ['anonymous', 'member', 'otherAdmin', 'foreign', 'viewer', 'manager', 'staff', 'admin', 'owner'];
  const ACCESS_CODES = new Set(['Unauthenticated', 'NoGuildAccess', 'NotInstanceOwner', 'BotNotInGuild']);

  let h: ApiHarness;
  let guildRoutes: string[];
  beforeAll(async () => {
    h = await startApiHarness({ backends });
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
      // Module routes come from the registry: every module with an API contributes, none is skipped.
      const withApi = registry.all().filter((d) => d.api).map((d) => d.id);
      expect(withApi.length).toBeGreaterThanOrEqual(6);
      for (const id of withApi) expect(guildRoutes.some((r) => r.includes(`/modules/${id}/`)), `routes of module ${id}`).toBe(true);
      expect(guildRoutes.filter((r) => !(r in MATRIX)), 'routes without a matrix entry').toEqual([]);
      expect(Object.keys(MATRIX).filter((k) => !guildRoutes.includes(k)), 'matrix entries without a route').toEqual([]);
    });

    it('allows exactly the personas with the level each route needs AND the Discord permission Discord requires', async () => {
      const { demo } = h;
      const state = h.sim.services.state;
      const target = demo.memberIds[15]!;
      let n = 0;
      const make = {
        userId: () => {
          const id = state.users.create({ username: `matrix_target_${n++}`, global_name: null } as never).id;
          state.members.add(demo.guildId, id, { roles: [demo.roles.newcomer] });
          return id;
        },
        channelId: () =>
          state.channels.create(demo.guildId, {
            name: `matrix-${n++}`,
            type: 0,
            permission_overwrites: [{ id: demo.roles.verified, type: 0, allow: '0', deny: String(P.SendMessages) }],
          } as never).id,
        roleId: () => state.roles.create(demo.guildId, { name: `matrix-${n++}` }).id,
      };
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
      const counts = { accessDenied: 0, permissionDenied: 0, allowed: 0 };
      for (const key of guildRoutes) {
        const entry = MATRIX[key]!;
        const [method, path] = key.split(' ') as [string, string];
        for (const persona of PERSONAS) {
          const p = { ...params, ...entry.params };
          for (const f of entry.fresh ?? []) p[f] = make[f]();
          const url = path.replace(/:(\w+)/g, (_, name: string) => p[name] ?? '1');
          const body = entry.body === undefined ? undefined : JSON.stringify(entry.body).replace('PLACEHOLDER_USER', make.userId());
          // What Discord lets this persona do, computed by the simulator (Discord's rules, independently of ours).
          const userId = persona === 'anonymous' ? undefined : h.users[persona];
          const inGuild = userId !== undefined && state.guild(demo.guildId).members[userId] !== undefined;
          const held = inGuild ? state.permissionsOf(demo.guildId, userId, entry.inChannel ? p.channelId : undefined) : 0n;
          const res = await h.request(url, { method, headers: h.headers(persona), body });
          const json = (await res.json().catch(() => ({}))) as { code?: string };
          const accessDenied = res.status === 401 || (res.status === 403 && ACCESS_CODES.has(json.code ?? ''));
          const permissionDenied = res.status === 403 && json.code === 'MissingPermissions';
          const levelOk = entry.need === 'instanceOwner' ? false : atLeast(LEVEL[persona], entry.need);
          const permOk = entry.perm === undefined || (held & entry.perm) === entry.perm;
          const got = `${res.status} ${json.code ?? ''}`;
          if (persona === 'anonymous' && res.status !== 401) failures.push(`${key} anonymous → ${got} (want 401)`);
          if (!levelOk && !accessDenied) failures.push(`${key} ${persona} → ${got} (want an access denial)`);
          if (levelOk && !permOk && !permissionDenied) failures.push(`${key} ${persona} → ${got} (want 403 MissingPermissions)`);
          if (levelOk && permOk && (accessDenied || permissionDenied || json.code === 'HierarchyViolation')) failures.push(`${key} ${persona} → ${got} (want allowed)`);
          if (res.status >= 500) failures.push(`${key} ${persona} → ${got}`);
          counts[accessDenied ? 'accessDenied' : permissionDenied ? 'permissionDenied' : 'allowed']++;
        }
      }
      expect(failures).toEqual([]);
      // The matrix exercised all three outcomes, Discord-permission refusals included.
      expect(counts.permissionDenied).toBeGreaterThanOrEqual(20);
      expect(counts.allowed).toBeGreaterThan(60);
    }, 300_000);

    it('levels are ordered as documented', () => {
      expect(ACCESS_LEVELS).toEqual(['view', 'edit', 'manage', 'admin', 'owner']);
    });
  });
});
