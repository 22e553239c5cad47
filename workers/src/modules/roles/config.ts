import { z } from 'zod';
import { channelField, emojiField, roleField, rolesField, snowflake } from '../../platform/configFields';

/** One choice of a panel: the role it gives and how the button or menu option reads. */
export const panelOptionSchema = z.object({
  roleId: roleField().meta({ title: 'Role', description: 'The role this choice gives or takes away.' }),
  label: z.string().trim().min(1).max(80).meta({ title: 'Label', description: 'Text of the button or menu option.' }),
  emoji: emojiField().nullable().default(null).meta({ title: 'Emoji', description: 'Shown before the label. None: no emoji.' }),
});

/** One role panel: a message with buttons or a select menu. */
export const panelSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,16}$/, 'must be 1–16 lowercase letters, digits or dashes')
    .meta({ title: 'Panel id', description: 'A short name for this panel (used by /roles panel post), e.g. “colours”.' }),
  channelId: channelField().meta({ title: 'Channel', description: 'Where the panel is posted.' }),
  title: z.string().trim().min(1).max(256).meta({ title: 'Title', description: 'The panel’s heading.' }),
  description: z.string().trim().max(2000).default('').meta({ title: 'Description', description: 'Shown under the title: tell members what the roles are for.', widget: 'message' }),
  style: z.enum(['buttons', 'select']).default('buttons').meta({ title: 'Style', description: 'Buttons (one per role) or a select menu.', options: { buttons: 'Buttons', select: 'Select menu' } }),
  mode: z
    .enum(['toggle', 'add', 'remove', 'unique'])
    .default('toggle')
    .meta({
      title: 'Mode',
      description: 'What picking a role does.',
      options: { toggle: 'Toggle (add, or remove when held)', add: 'Add only', remove: 'Remove only', unique: 'Unique (one role of the panel at a time)' },
    }),
  requiredRoles: rolesField(10).default([]).meta({ title: 'Required roles', description: 'Only members holding at least one of these may use the panel. None: everyone.' }),
  forbiddenRoles: rolesField(10).default([]).meta({ title: 'Forbidden roles', description: 'Members holding any of these may not use the panel.' }),
  options: z
    .array(panelOptionSchema)
    .min(1)
    .max(25)
    .refine((o) => new Set(o.map((x) => x.roleId)).size === o.length, 'a role appears twice in this panel')
    .meta({ title: 'Roles', description: 'Up to 25 roles.' }),
  messageId: snowflake.nullable().default(null).meta({ title: 'Posted message', description: 'The panel’s message once posted (edited in place when posted again).', widget: 'hidden' }),
});

/** A reaction role: reacting with `emoji` on an existing message gives `roleId`. */
export const reactionRoleSchema = z.object({
  channelId: channelField().meta({ title: 'Channel', description: 'The channel of the message.' }),
  messageId: snowflake.meta({ title: 'Message id', description: 'The message members react to (Discord: right click → Copy Message ID).' }),
  emoji: emojiField().meta({ title: 'Emoji', description: 'The reaction that gives the role.' }),
  roleId: roleField().meta({ title: 'Role', description: 'The role given.' }),
  mode: z.enum(['toggle', 'add']).default('toggle').meta({ title: 'Mode', description: 'Toggle: removing the reaction takes the role back. Add only: the role stays.', options: { toggle: 'Toggle', add: 'Add only' } }),
});

/**
 * The Roles module's config: panels of self-assignable roles. `rolesConfigSchema.parse({})`
 * gives the defaults (no panel).
 */
export const rolesConfigSchema = z.object({
  panels: z
    .array(panelSchema)
    .max(25)
    .default([])
    .refine((p) => new Set(p.map((x) => x.id)).size === p.length, 'two panels have the same id')
    .meta({ title: 'Panels', description: 'Messages where members pick their roles (Free plan: 3 panels).' }),
  reactionRoles: z
    .array(reactionRoleSchema)
    .max(50)
    .default([])
    .meta({ title: 'Reaction roles', description: 'Roles given by reacting to an existing message (Free plan: 10).' }),
});

/** A validated Roles config. */
export type RolesConfig = z.infer<typeof rolesConfigSchema>;
/** One panel of the config. */
export type RolePanel = z.infer<typeof panelSchema>;
/** One reaction role of the config. */
export type ReactionRole = z.infer<typeof reactionRoleSchema>;
