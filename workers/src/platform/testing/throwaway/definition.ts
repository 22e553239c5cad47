import { ApplicationCommandOptionType, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import { reply } from '../../../interactions/reply';
import { snowflake } from '../../configFields';
import { createModuleApi, moduleRoute } from '../../moduleApi';
import type { ModuleDefinition } from '../../ModuleDefinition';
import { throwawayConfigSchema } from './config';

type Config = z.infer<typeof throwawayConfigSchema>;

const echo = moduleRoute({
  method: 'get',
  path: '/echo',
  tags: ['throwaway'],
  summary: 'The greeting of this guild',
  requires: 'view',
  request: { params: z.object({ guildId: snowflake }) },
  responses: { 200: { description: 'Greeting', content: { 'application/json': { schema: z.object({ greeting: z.string(), plan: z.string() }) } } } },
});

/**
 * A module that exists only in tests, added from its folder alone (no line elsewhere): it proves
 * a new module gets its command served, its form generated, its jobs delivered, its route
 * documented and its lifecycle hooks run, with nothing but the registry knowing it.
 */
export const throwawayModule: ModuleDefinition<typeof throwawayConfigSchema> = {
  id: 'throwaway',
  name: 'Throwaway',
  description: 'A fixture module for the platform test',
  icon: '🧪',
  category: 'utility',
  availability: { free: true, premium: true, max: true },
  limits: {},
  dependencies: [],
  events: [],
  intents: [],
  configSchema: throwawayConfigSchema,
  botPermissions: 0n,
  commands: [
    {
      data: { name: 'throwaway', description: 'Posts a reminder later', options: [{ type: ApplicationCommandOptionType.String, name: 'text', description: 'What to remind', required: true }] },
      async execute(_interaction, ctx) {
        const config = ctx.config as Config;
        if (!config.channelId) return reply.ephemeral('Set a reminder channel first.');
        await ctx.jobs.schedule('throwaway.remind', { text: ctx.options.values.text, userId: ctx.userId }, { delay: config.delay });
        return reply.ephemeral(`⏰ In ${config.delay} s.`);
      },
    },
  ],
  jobs: [
    {
      name: 'throwaway.remind',
      async run(payload, ctx) {
        const { text, userId } = payload as { text: string; userId: string };
        const config = ctx.config as Config;
        if (!config?.channelId) return;
        await ctx.rest.post(Routes.channelMessages(config.channelId), { body: { content: `${config.greeting} <@${userId}>: ${text}`, allowed_mentions: { parse: [] } } });
      },
    },
  ],
  async onConfigChange(ctx, before) {
    if (!ctx.config.channelId || before.greeting === ctx.config.greeting) return;
    await ctx.rest.post(Routes.channelMessages(ctx.config.channelId), { body: { content: `Greeting is now “${ctx.config.greeting}”` } });
  },
  api: createModuleApi().openapi(echo, async (c) => {
    const ctx = await c.var.module();
    return c.json({ greeting: (ctx.config as Config).greeting, plan: ctx.plan }, 200);
  }),
};
