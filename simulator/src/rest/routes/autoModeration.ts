import { Hono } from 'hono';
import { z } from 'zod';
import { AutoModerationActionType as A, AutoModerationRuleEventType as Ev, AutoModerationRuleTriggerType as T, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { botCaller, requirePerms } from '../access.js';
import { parseBody } from '../parseBody.js';
import { snowflake } from '../schemas.js';
import { invalidFormBody } from '../discordError.js';
import type { AutoModRuleInput } from '../../state/index.js';

const words = (max: number, len: number) => z.array(z.string().min(1).max(len)).max(max).nullish();
const action = z.object({
  type: z.union([z.literal(A.BlockMessage), z.literal(A.SendAlertMessage), z.literal(A.Timeout), z.literal(A.BlockMemberInteraction)]),
  metadata: z.object({
    custom_message: z.string().max(300).nullish(),
    channel_id: snowflake.optional(),
    duration_seconds: z.number().int().min(0).max(2_419_200).nullish(),
  }).nullish(),
});
const triggerMetadata = z.object({
  keyword_filter: words(1000, 60),
  regex_patterns: words(10, 260),
  allow_list: words(100, 60),
  presets: z.array(z.number().int().min(1).max(3)).nullish(),
  mention_total_limit: z.number().int().min(0).max(50).nullish(),
  mention_raid_protection_enabled: z.boolean().nullish(),
}).nullish();
const upsert = z.object({
  name: z.string().min(1).max(100),
  event_type: z.union([z.literal(Ev.MessageSend), z.literal(Ev.MemberUpdate)]),
  trigger_type: z.union([z.literal(T.Keyword), z.literal(T.Spam), z.literal(T.KeywordPreset), z.literal(T.MentionSpam), z.literal(T.MemberProfile)]),
  trigger_metadata: triggerMetadata,
  actions: z.array(action).min(1).max(5).nullish(),
  enabled: z.boolean().nullish(),
  exempt_roles: z.array(snowflake).max(20).nullish(),
  exempt_channels: z.array(snowflake).max(50).nullish(),
});

/** Refuses what Discord refuses: a timeout on other triggers than keyword and mention spam, an alert without a channel of the guild, a bad regex. */
function checkRule(c: Parameters<typeof requirePerms>[0], guildId: string, trigger: T, body: Partial<z.infer<typeof upsert>>): void {
  const { state } = c.get('sim');
  for (const [i, a] of (body.actions ?? []).entries()) {
    if (a.type === A.Timeout && trigger !== T.Keyword && trigger !== T.MentionSpam) throw invalidFormBody({ [`actions.${i}.type`]: 'Timeout is only available for keyword and mention spam rules.' });
    if (a.type === A.SendAlertMessage) {
      const ch = a.metadata?.channel_id ? state.data.channels[a.metadata.channel_id] : undefined;
      if (!ch || !('guild_id' in ch) || ch.guild_id !== guildId) throw invalidFormBody({ [`actions.${i}.metadata.channel_id`]: 'Unknown channel.' });
    }
  }
  for (const [i, p] of (body.trigger_metadata?.regex_patterns ?? []).entries()) {
    try {
      new RegExp(p, 'u');
    } catch {
      throw invalidFormBody({ [`trigger_metadata.regex_patterns.${i}`]: 'Invalid regex pattern.' });
    }
  }
}

const input = (b: Partial<z.infer<typeof upsert>>) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== null && v !== undefined)) as AutoModRuleInput;

/** `/guilds/{id}/auto-moderation/rules`: Discord's AutoMod rules (Manage Server). */
export const autoModeration = new Hono<RestEnv>()
  .get('/:guildId/auto-moderation/rules', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageGuild);
    return c.json(c.get('sim').state.autoMod.list(guildId));
  })
  .get('/:guildId/auto-moderation/rules/:ruleId', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageGuild);
    return c.json(c.get('sim').state.autoMod.get(guildId, c.req.param('ruleId')));
  })
  .post('/:guildId/auto-moderation/rules', async (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageGuild);
    const body = await parseBody(c, upsert);
    checkRule(c, guildId, body.trigger_type, body);
    return c.json(c.get('sim').state.autoMod.create(guildId, botCaller(c), { ...input(body), name: body.name, event_type: body.event_type, trigger_type: body.trigger_type }));
  })
  .patch('/:guildId/auto-moderation/rules/:ruleId', async (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageGuild);
    const { state } = c.get('sim');
    const rule = state.autoMod.get(guildId, c.req.param('ruleId'));
    const body = await parseBody(c, upsert.partial());
    checkRule(c, guildId, rule.trigger_type, body);
    const { trigger_type: _t, ...patch } = input(body);
    return c.json(state.autoMod.update(guildId, rule.id, patch));
  })
  .delete('/:guildId/auto-moderation/rules/:ruleId', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageGuild);
    c.get('sim').state.autoMod.delete(guildId, c.req.param('ruleId'));
    return c.body(null, 204);
  })
  .put('/:guildId/incident-actions', async (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageGuild);
    const body = await parseBody(c, z.object({ invites_disabled_until: z.string().datetime({ offset: true }).nullish(), dms_disabled_until: z.string().datetime({ offset: true }).nullish() }));
    const g = c.get('sim').state.guild(guildId);
    const within24h = (t: string | null | undefined) => !t || Date.parse(t) <= Date.now() + 24 * 3_600_000 + 60_000;
    if (!within24h(body.invites_disabled_until) || !within24h(body.dms_disabled_until)) throw invalidFormBody({ invites_disabled_until: 'Must be at most 24 hours in the future.' });
    g.incidents = { invites_disabled_until: body.invites_disabled_until ?? null, dms_disabled_until: body.dms_disabled_until ?? null };
    return c.json(g.incidents);
  });
