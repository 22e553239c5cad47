import { Hono } from 'hono';
import { html } from 'hono/html';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SimServices } from '../rest/types.js';

/** Consent page options. */
export interface AuthorizeOptions {
  /** Approve at once as the default user (like `prompt=none` for an already authorized app). */
  autoApprove?: boolean;
  /** Default user (the demo owner). */
  defaultUserId?: () => string | undefined;
}

/**
 * `GET /oauth2/authorize` shows a consent page (an "Authorize" button a person or Playwright clicks;
 * `login_as` or the select picks the user); `POST /oauth2/authorize` redirects to `redirect_uri` with
 * `code` and `state`. `prompt=none` or `autoApprove` skips the page. With the `bot` scope and a
 * `guild_id`, the app's bot joins that guild (GUILD_CREATE).
 */
export function authorizePage(sim: SimServices, opts: AuthorizeOptions = {}) {
  const approve = (q: Record<string, string | undefined>): Response => {
    const app = q.client_id ? sim.state.applications.byClientId(q.client_id) : undefined;
    if (!app) return new Response(JSON.stringify({ message: 'Unknown Application', code: 10002 }), { status: 400, headers: { 'content-type': 'application/json' } });
    const redirect = q.redirect_uri ?? app.redirectUris[0];
    if (!redirect || (app.redirectUris.length && !app.redirectUris.includes(redirect))) {
      return new Response(JSON.stringify({ message: 'Invalid OAuth2 redirect_uri', code: 50035 }), { status: 400, headers: { 'content-type': 'application/json' } });
    }
    const target = new URL(redirect);
    if (q.state) target.searchParams.set('state', q.state);
    if (q.action === 'cancel') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The resource owner or authorization server denied the request');
      return Response.redirect(target.toString(), 302);
    }
    const scopes = (q.scope ?? 'identify').split(/[ +]/).filter(Boolean);
    const userId = q.login_as || opts.defaultUserId?.();
    if (!userId || !sim.state.users.find(userId)) return new Response(JSON.stringify({ message: 'Unknown User', code: 10013 }), { status: 400, headers: { 'content-type': 'application/json' } });
    let guildId: string | undefined;
    if (scopes.includes('bot') && q.guild_id) {
      guildId = q.guild_id;
      if (!sim.state.data.guilds[guildId] || !(sim.state.permissionsOf(guildId, userId) & P.ManageGuild)) {
        target.searchParams.set('error', 'access_denied');
        return Response.redirect(target.toString(), 302);
      }
      if (!sim.state.data.guilds[guildId]!.members[app.botUserId]) sim.state.members.add(guildId, app.botUserId);
      target.searchParams.set('guild_id', guildId);
      target.searchParams.set('permissions', q.permissions ?? '0');
    }
    target.searchParams.set('code', sim.oauth.issueCode({ applicationId: app.id, userId, scopes, redirectUri: redirect, guildId }));
    return Response.redirect(target.toString(), 302);
  };

  return new Hono()
    .get('/authorize', (c) => {
      const q = c.req.query();
      if (opts.autoApprove || q.prompt === 'none') return approve(q);
      const app = q.client_id ? sim.state.applications.byClientId(q.client_id) : undefined;
      if (!app) return c.json({ message: 'Unknown Application', code: 10002 }, 400);
      const humans = Object.values(sim.state.data.users).filter((u) => !u.bot).slice(0, 200);
      const def = q.login_as || opts.defaultUserId?.();
      const hidden = Object.entries(q).filter(([k]) => k !== 'login_as');
      return c.html(html`<!doctype html><html><head><meta charset="utf-8"><title>Authorize ${app.name}</title></head>
<body style="font-family:sans-serif;max-width:420px;margin:40px auto">
<h1>Discord simulator</h1>
<p><b>${app.name}</b> wants to access your account: ${(q.scope ?? 'identify').split(/[ +]/).join(', ')}</p>
<form method="post" action="/oauth2/authorize">
${hidden.map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<label>Log in as <select name="login_as" id="login_as">
${humans.map((u) => html`<option value="${u.id}" ${u.id === def ? 'selected' : ''}>${u.global_name ?? u.username} (@${u.username})</option>`)}
</select></label>
<p><button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="authorize" id="authorize">Authorize</button></p>
</form></body></html>`);
    })
    .post('/authorize', async (c) => approve(Object.fromEntries(new URLSearchParams(await c.req.text()))));
}
