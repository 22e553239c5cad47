import type { Context } from 'hono';
import { HttpError } from '../../../errors';
import { GuildAuthority } from '../../../permissions';
import type { ModuleEnv } from '../../../platform/moduleApi';
import { guildHub } from '../../../platform/hub/guildHub';
import { moduleActorId } from '../../../platform/moduleActor';
import { fetchMember, guildFacts } from '../data/guildFacts';
import { moderationServices, type ModerationServices } from '../ModerationServices';

/**
 * The moderation services and the dashboard user's {@link GuildAuthority}, built from Discord's
 * view (their roles read fresh; not a member: no permission at all), like the core API's
 * `actorAuthority`: the action functions then check them exactly as for a slash command.
 * `perm`: the Discord permission the action needs at the least, required first (the action
 * checks it again with the rest), so a caller who lacks it learns that before anything else.
 * Then refuses while the module is off (409 `ModuleDisabled`): dashboard actions, like the slash
 * commands, need the module on.
 */
export async function dashboardActor(c: Context<ModuleEnv>, opts: { perm: bigint }): Promise<{ m: ModerationServices; actor: GuildAuthority }> {
  const actorId = moduleActorId(c);
  if (!actorId) throw new HttpError(401, 'Sign in to moderate', { code: 'Unauthenticated' });
  const guildId = c.req.param('guildId')!;
  const m = moderationServices(await c.var.module(), guildId);
  const actor = await userAuthority(m, actorId);
  actor.require(opts.perm);
  const state = await guildHub(c.env, guildId).getState();
  if (!state.modules.moderation?.enabled) {
    throw new HttpError(409, 'The Moderation module is off in this server: turn it on first', { code: 'ModuleDisabled', details: { moduleId: 'moderation' } });
  }
  return { m, actor };
}

/** A dashboard user's authority in the guild: their roles read fresh; not a member: no permission at all. */
export async function userAuthority(m: ModerationServices, userId: string): Promise<GuildAuthority> {
  const [facts, member] = await Promise.all([guildFacts(m), fetchMember(m, userId)]);
  return new GuildAuthority(facts, member ? { userId, roles: member.roles } : null);
}
