import { ApplicationCommandOptionType as T, ComponentType, PermissionFlagsBits, TextInputStyle } from 'discord-api-types/v10';
import { z } from 'zod';
import { InteractionError } from '../InteractionError';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import type { JobHandler } from '../../jobs/types';
import { reply } from '../reply';

const baseDef = {
  icon: '🧪', category: 'utility' as const, availability: { free: true, premium: true, max: true },
  limits: {}, dependencies: [], events: [], intents: [], configSchema: z.object({ greeting: z.string().default('hi') }),
};

/** A job that finishes `/lab job`: echoes its payload, or throws when told to. */
export const labJob: JobHandler = {
  name: 'lab.echo',
  async run(payload) {
    const p = payload as { text: string; fail?: boolean };
    if (p.fail) throw new Error('lab job failed');
    return { content: `job says ${p.text}` };
  },
};

/**
 * A module exercising every framework path (options, subcommands, choices, autocomplete,
 * deferral, failures, jobs, components with state, modals). Tests and the bench use it.
 */
export const labModule: ModuleDefinition = {
  ...baseDef,
  id: 'lab',
  name: 'Lab',
  description: 'Framework exercises',
  jobs: [labJob],
  commands: [
    {
      data: {
        name: 'lab', description: 'Lab',
        options: [
          { type: T.Subcommand, name: 'echo', description: 'Echo', options: [
            { type: T.String, name: 'text', description: 'Text', required: true },
            { type: T.Integer, name: 'times', description: 'Times', choices: [{ name: 'one', value: 1 }, { name: 'two', value: 2 }] },
            { type: T.String, name: 'fruit', description: 'Fruit', autocomplete: true },
          ] },
          { type: T.Subcommand, name: 'slow', description: 'Deferred success' },
          { type: T.Subcommand, name: 'boom', description: 'Throws' },
          { type: T.Subcommand, name: 'boomlater', description: 'Defers then throws' },
          { type: T.Subcommand, name: 'files', description: 'Defers, then follows up with a file' },
          { type: T.Subcommand, name: 'job', description: 'Deferred to a job', options: [{ type: T.Boolean, name: 'fail', description: 'Fail' }] },
          { type: T.Subcommand, name: 'refuse', description: 'Refuses with a message' },
          { type: T.Subcommand, name: 'button', description: 'Counter button' },
          { type: T.Subcommand, name: 'form', description: 'Opens a modal' },
        ],
      },
      async execute(_i, ctx) {
        const v = ctx.options.values;
        switch (ctx.options.subcommand) {
          case 'echo': return reply.message(`${String(v.text).repeat(Number(v.times ?? 1))} (${String(ctx.config && (ctx.config as { greeting: string }).greeting)})`);
          case 'slow': return ctx.defer(async () => ({ content: 'slow done' }), { ephemeral: true });
          case 'boom': throw new Error('kaboom');
          case 'boomlater': return ctx.defer(async () => { throw new Error('later kaboom'); });
          case 'files': return ctx.defer(async () => {
            await ctx.followUp({ content: 'report' }, [{ name: 'report.csv', data: 'a,b\n', contentType: 'text/csv' }]);
            return { content: 'report below' };
          });
          case 'job': return ctx.deferToJob(labJob.name, { text: 'hello', fail: v.fail === true }, { ephemeral: true });
          case 'refuse': throw new InteractionError('You cannot do that.', 'Refused');
          case 'button': return reply.message({ content: 'count 0', components: [{ type: ComponentType.ActionRow, components: [
            { type: ComponentType.Button, style: 1, label: '+1', custom_id: await ctx.customId('lab.count', '0', ctx.userId) },
          ] }] });
          case 'form': return reply.modal({ custom_id: await ctx.customId('lab.form', 'x'), title: 'Form', components: [
            { type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id: 'answer', label: 'Answer', style: TextInputStyle.Short }] },
          ] });
          default: throw new Error('unreachable');
        }
      },
      async autocomplete(_i, ctx) {
        const typed = ctx.options.focused?.value ?? '';
        return ['apple', 'apricot', 'banana'].filter((f) => f.startsWith(typed)).map((f) => ({ name: f, value: f }));
      },
    },
  ],
  components: [
    {
      prefix: 'lab.count',
      async execute(_i, ctx) {
        const n = Number(ctx.state[0]) + 1;
        return reply.update({ content: `count ${n}`, components: [{ type: ComponentType.ActionRow, components: [
          { type: ComponentType.Button, style: 1, label: '+1', custom_id: await ctx.customId('lab.count', String(n), ctx.userId) },
        ] }] });
      },
    },
  ],
  modals: [
    {
      prefix: 'lab.form',
      async execute(i, ctx) {
        const row = i.data.components[0] as { components: Array<{ value: string }> } | undefined;
        return reply.ephemeral(`form ${ctx.state[0]}: ${row?.components[0]?.value ?? ''}`);
      },
    },
  ],
};

/** A module that admins only can use (for `/help` filtering). */
export const staffModule: ModuleDefinition = {
  ...baseDef,
  id: 'staff',
  name: 'Staff',
  description: 'Admin-only commands',
  commands: [
    { data: { name: 'purge', description: 'Delete messages', default_member_permissions: String(PermissionFlagsBits.ManageMessages) }, execute: async () => reply.ephemeral('purged') },
    { data: { name: 'lockdown', description: 'Lock the server', default_member_permissions: '0' }, execute: async () => reply.ephemeral('locked') },
  ],
};
