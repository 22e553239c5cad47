import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { Snowflake } from '@edge/shared/snowflake';
import { ChannelType, GatewayDispatchEvents as E, type APIMessage } from 'discord-api-types/v10';
import { SimStateError, messagePayload, type SimDispatch, type SimState } from '../state/index.js';
import type { InteractionStore } from '../interactions/InteractionStore.js';
import type { InteractionDriver } from '../interactions/InteractionDriver.js';
import type { InteractionInput } from '../interactions/buildInteraction.js';

/** What the demo client's API needs from the running simulator. */
export interface ClientApiDeps {
  state: SimState;
  store: InteractionStore;
  driver: () => InteractionDriver;
  applicationId: () => string;
}

const MESSAGE_EVENTS = new Set<string>([E.MessageCreate, E.MessageUpdate, E.MessageDelete, E.MessageDeleteBulk, E.MessageReactionAdd, E.MessageReactionRemove]);
const GUILD_EVENTS = new Set<string>([E.ChannelCreate, E.ChannelUpdate, E.ChannelDelete, E.GuildMemberAdd, E.GuildMemberRemove, E.GuildMemberUpdate, E.GuildRoleCreate, E.GuildRoleUpdate, E.GuildRoleDelete, E.GuildUpdate]);
const TEXT_TYPES = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread]);

const snowflake = Snowflake;
const optionValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const interactionBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), name: z.string().min(1), options: optionValues.optional(), subcommand: z.string().optional(), subcommandGroup: z.string().optional() }),
  z.object({ type: z.literal('autocomplete'), name: z.string().min(1), options: optionValues.optional(), focused: z.string(), subcommand: z.string().optional(), subcommandGroup: z.string().optional() }),
  z.object({ type: z.literal('button'), customId: z.string().min(1), messageId: snowflake }),
  z.object({ type: z.literal('select'), customId: z.string().min(1), messageId: snowflake, values: z.array(z.string()), componentType: z.number().int().optional() }),
  z.object({ type: z.literal('modal'), customId: z.string().min(1), fields: z.record(z.string(), z.string()), messageId: snowflake.optional() }),
]).and(z.object({ userId: snowflake, channelId: snowflake }));
const messageBody = z.object({ userId: snowflake, content: z.string().trim().min(1, 'Type a message first').max(2_000, 'At most 2,000 characters') });

/** A user-facing 400 with the first zod issue. */
async function parse<T>(req: Request, schema: z.ZodType<T>): Promise<T> {
  const json = await req.json().catch(() => undefined);
  const r = schema.safeParse(json);
  if (!r.success) throw new SimStateError(400, 50035, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * The demo client's JSON API (`/client/api`): the demo guild as a member sees it, its messages
 * (with that member's ephemeral replies), posting as a member, running interactions through the
 * same {@link InteractionDriver} tests use, and a server-sent event stream of what changed.
 * Local demo only: it acts as any member without a token, like the scenario driver does.
 */
export function clientApi(deps: ClientApiDeps): Hono {
  const { state, store } = deps;
  const app = new Hono();
  app.onError((err, c) => {
    const status = (err instanceof SimStateError ? err.status : 500) as ContentfulStatusCode;
    return c.json({ message: err.message, code: err instanceof SimStateError ? err.code : 0 }, status);
  });

  app.get('/guilds', (c) => c.json(Object.values(state.data.guilds).map((g) => ({ id: g.id, name: g.name }))));

  app.get('/guilds/:guildId', (c) => {
    const g = state.guild(c.req.param('guildId'));
    const application = state.applications.get(deps.applicationId());
    const channels = Object.values(state.data.channels)
      .filter((ch) => 'guild_id' in ch && ch.guild_id === g.id && (TEXT_TYPES.has(ch.type) || ch.type === ChannelType.GuildCategory))
      .map((ch) => ({ id: ch.id, name: 'name' in ch ? ch.name : '', type: ch.type, parentId: 'parent_id' in ch ? (ch.parent_id ?? null) : null, position: 'position' in ch ? (ch.position ?? 0) : 0 }));
    const members = Object.values(g.members).map((m) => {
      const u = state.data.users[m.user_id];
      const top = m.roles.map((id) => g.roles[id]).filter((r) => r && r.color).sort((a, b) => b!.position - a!.position)[0];
      return { id: m.user_id, name: m.nick ?? u?.global_name ?? u?.username ?? m.user_id, username: u?.username ?? '', bot: !!u?.bot, color: top?.color ?? 0 };
    });
    const roles = Object.values(g.roles).map((r) => ({ id: r.id, name: r.name, color: r.color }));
    const commands = [...(application.guildCommands[g.id] ?? []), ...application.commands];
    return c.json({ id: g.id, name: g.name, ownerId: g.owner_id, botUserId: application.botUserId, endpoint: application.interactionsEndpointUrl, channels, members, roles, commands });
  });

  app.get('/channels/:channelId/messages', (c) => {
    const channelId = c.req.param('channelId');
    state.channels.get(channelId);
    const userId = c.req.query('user') ?? '';
    const visible: (APIMessage & { ephemeral?: true })[] = state.messages.list(channelId, { limit: 50 }).map((m) => messagePayload(m, userId));
    for (const m of store.ephemeralFor(channelId, userId)) visible.push({ ...m, ephemeral: true });
    visible.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    return c.json(visible);
  });

  app.post('/channels/:channelId/messages', async (c) => {
    const body = await parse(c.req.raw, messageBody);
    const channelId = c.req.param('channelId');
    const guildId = state.channels.guildIdOf(channelId);
    if (guildId) state.member(guildId, body.userId);
    return c.json(state.messages.create(channelId, { authorId: body.userId, content: body.content }), 201);
  });

  app.post('/interactions', async (c) => {
    const input = (await parse(c.req.raw, interactionBody)) as InteractionInput;
    const guildId = state.channels.guildIdOf(input.channelId);
    if (guildId) state.member(guildId, input.userId);
    const r = await deps.driver().send(input);
    return c.json({ failed: r.failed, reason: r.reason ?? null, detail: r.detail ?? null, callbackType: r.callbackType, ephemeral: r.ephemeral, modal: r.modal, choices: r.choices, messageId: r.message?.id ?? null });
  });

  app.get('/events', (c) => {
    const guildId = c.req.query('guild');
    const userId = c.req.query('user');
    return streamSSE(c, async (stream) => {
      const queue: { event: string; data: string }[] = [];
      let wake: (() => void) | null = null;
      const push = (event: string, data: unknown) => {
        queue.push({ event, data: JSON.stringify(data) });
        wake?.();
      };
      const onDispatch = (e: SimDispatch) => {
        if (guildId && e.guildId !== guildId) return;
        const d = e.d as { channel_id?: string };
        if (MESSAGE_EVENTS.has(e.t)) push('messages', { channelId: d.channel_id });
        else if (GUILD_EVENTS.has(e.t)) push('guild', { t: e.t });
      };
      const onEphemeral = (e: { channelId: string; userId: string }) => {
        if (e.userId === userId) push('messages', { channelId: e.channelId });
      };
      state.on('dispatch', onDispatch);
      state.on('ephemeral', onEphemeral);
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (open) {
          while (queue.length) await stream.writeSSE(queue.shift()!);
          // Wake on an event, or every 25 s for a comment that keeps proxies from closing the stream.
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 25_000).unref?.();
          });
          wake = null;
          if (open && !queue.length) await stream.write(': keep-alive\n\n');
        }
      } finally {
        state.off('dispatch', onDispatch);
        state.off('ephemeral', onEphemeral);
      }
    });
  });
  return app;
}
