import { z } from 'zod';
import { channelsField, colorField, roleField, rolesField } from '../../platform/configFields';
import { parseTemplate, type TemplateScope } from './template/parseTemplate';

const NAME = /^[a-z0-9_-]{1,32}$/;

/** Adds the template's problems as issues of `path` (the editor shows them under the field). */
function checkTemplate(src: string, scope: TemplateScope, ctx: z.RefinementCtx, path: (string | number)[]): void {
  for (const p of parseTemplate(src, scope).problems.slice(0, 5)) ctx.addIssue({ code: 'custom', path, message: `at ${p.at + 1}: ${p.message}` });
}

/** One option of a custom command. */
export const optionSchema = z.object({
  name: z.string().regex(NAME, 'must be 1–32 lowercase letters, digits, - or _').meta({ title: 'Name', description: 'Used as {option.<name>} in the response.' }),
  description: z.string().trim().min(1).max(100).default('A value').meta({ title: 'Description', description: 'Shown by Discord while typing.' }),
  type: z.enum(['string', 'integer', 'number', 'boolean', 'user', 'channel', 'role']).default('string').meta({ title: 'Type', description: 'What the member gives.', options: { string: 'Text', integer: 'Whole number', number: 'Number', boolean: 'Yes/no', user: 'Member', channel: 'Channel', role: 'Role' } }),
  required: z.boolean().default(false).meta({ title: 'Required', description: 'The command cannot be sent without it.' }),
});

/** A button under a custom command's answer that gives or takes a role. */
export const roleButtonSchema = z.object({
  roleId: roleField().meta({ title: 'Role', description: 'The role the button gives or takes (below the bot’s highest role).' }),
  label: z.string().trim().min(1).max(80).meta({ title: 'Label', description: 'The button’s text.' }),
  action: z.enum(['toggle', 'give', 'remove']).default('toggle').meta({ title: 'Action', description: 'What a click does.', options: { toggle: 'Toggle', give: 'Give', remove: 'Remove' } }),
});

/** An admin-defined slash command. */
export const customCommandSchema = z
  .object({
    name: z.string().regex(NAME, 'must be 1–32 lowercase letters, digits, - or _').meta({ title: 'Command name', description: 'Members type /<name>. It must not be one of the bot’s own commands.' }),
    description: z.string().trim().min(1).max(100).default('A custom command').meta({ title: 'Description', description: 'Shown in Discord’s command list.' }),
    options: z.array(optionSchema).max(10).default([]).refine((o) => new Set(o.map((x) => x.name)).size === o.length, 'two options have the same name').meta({ title: 'Options', description: 'Values the member gives (up to 10).' }),
    response: z.string().max(4000).default('Hello {user}!').meta({ title: 'Response', description: 'Variables: {user} {user.name} {server.name} {channel} {option.<name>}; {random:a|b|c} picks one, {repeat:3|x}, {if:option.x|yes|no}, {upper:…}. {{ and }} write braces.', widget: 'message' }),
    embed: z.boolean().default(false).meta({ title: 'As an embed', description: 'Send the response as an embed.' }),
    embedTitle: z.string().max(256).default('').meta({ title: 'Embed title', description: 'A template too.', showIf: { embed: true } }),
    embedColor: colorField().default('#5865F2').meta({ title: 'Embed colour', description: 'The bar on the embed’s left.', showIf: { embed: true } }),
    ephemeral: z.boolean().default(false).meta({ title: 'Only the member sees it', description: 'An ephemeral answer.' }),
    roleButtons: z.array(roleButtonSchema).max(5).default([]).meta({ title: 'Role buttons', description: 'Buttons under the answer giving or taking roles (up to 5).' }),
    allowedRoles: rolesField(10).default([]).meta({ title: 'Allowed roles', description: 'Only members with one of these may use it. None: everyone.' }),
    allowedChannels: channelsField(25).default([]).meta({ title: 'Allowed channels', description: 'Only in these channels. None: everywhere.' }),
    cooldownSeconds: z.number().int().min(0).max(86_400).default(0).meta({ title: 'Cooldown (seconds)', description: 'Per member. 0: none.', widget: 'duration' }),
  })
  .superRefine((c, ctx) => {
    const scope = { options: c.options.map((o) => o.name) };
    checkTemplate(c.response, scope, ctx, ['response']);
    if (c.embed) checkTemplate(c.embedTitle, scope, ctx, ['embedTitle']);
    if (!c.response.trim()) ctx.addIssue({ code: 'custom', path: ['response'], message: 'write a response' });
  });

/** A message trigger answered with a template. */
export const autoResponderSchema = z
  .object({
    trigger: z.string().trim().min(1).max(200).meta({ title: 'Trigger', description: 'What a message must be or contain (case does not matter).' }),
    match: z.enum(['exact', 'contains', 'wildcard', 'regex']).default('contains').meta({ title: 'Match', description: 'Wildcard: * is any text, ? one character, over the whole message. Regex: a JavaScript regular expression (no backreferences or nested repeats).', options: { exact: 'Whole message', contains: 'Contains', wildcard: 'Wildcard', regex: 'Regular expression' } }),
    response: z.string().max(2000).default('Hi {user}!').meta({ title: 'Response', description: 'A template: {user} {user.name} {channel} {server.name} {message} {random:a|b}…', widget: 'message' }),
    reply: z.boolean().default(true).meta({ title: 'As a reply', description: 'Answer as a reply to the message.' }),
    channels: channelsField(25).default([]).meta({ title: 'Channels', description: 'Only in these channels. None: everywhere.' }),
    roles: rolesField(10).default([]).meta({ title: 'Roles', description: 'Only for members with one of these. None: everyone.' }),
    cooldownSeconds: z.number().int().min(0).max(86_400).default(30).meta({ title: 'Cooldown (seconds)', description: 'Per channel: the trigger answers at most once in this time.', widget: 'duration' }),
  })
  .superRefine((a, ctx) => {
    checkTemplate(a.response, { message: true }, ctx, ['response']);
    if (a.match === 'regex') {
      const why = unsafeRegex(a.trigger);
      if (why) ctx.addIssue({ code: 'custom', path: ['trigger'], message: why });
    }
  });

/**
 * Why a regular expression may not be used, or null: it must compile, and must not hold what
 * makes matching slow (backreferences, a repeated group that repeats inside), so one message
 * never costs more than a few microseconds.
 */
export function unsafeRegex(src: string): string | null {
  try {
    new RegExp(src, 'iu');
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(src)) return 'backreferences are not allowed';
  if (/\((?:[^()]|\\.)*[+*}](?:[^()]|\\.)*\)\s*[+*{?]/.test(src)) return 'a repeated group with a repeat inside is not allowed (it can make matching very slow)';
  return null;
}

/** The Custom commands module's config. `customCommandsConfigSchema.parse({})` gives the defaults. */
export const customCommandsConfigSchema = z.object({
  commands: z.array(customCommandSchema).max(50).default([]).refine((c) => new Set(c.map((x) => x.name)).size === c.length, 'two commands have the same name').meta({ title: 'Commands', description: 'Slash commands of this server, registered when saved and removed when deleted (Free plan: 5).' }),
  autoResponders: z.array(autoResponderSchema).max(50).default([]).meta({ title: 'Auto-responses', description: 'Answers to messages matching a trigger (Free plan: 5).' }),
});

/** A validated Custom commands config. */
export type CustomCommandsConfig = z.infer<typeof customCommandsConfigSchema>;
export type CustomCommand = z.infer<typeof customCommandSchema>;
export type AutoResponder = z.infer<typeof autoResponderSchema>;
