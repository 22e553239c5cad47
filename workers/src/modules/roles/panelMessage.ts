import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIMessageComponentEmoji, type APIComponentInMessageActionRow, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { RolePanel } from './config';

/** The `custom_id` prefix of panel buttons and menus (routed to the component handler). */
export const PICK_PREFIX = 'roles.pick';

/** Signs a `custom_id` (the interactions' signer: `ctx.customId`, or one built from the secret). */
export type SignId = (prefix: string, ...state: string[]) => Promise<string>;

/** `🎨` → `{name}`; `<:name:id>` / `<a:name:id>` → `{id, name, animated}`. */
export function parseEmoji(emoji: string | null): APIMessageComponentEmoji | undefined {
  if (!emoji) return undefined;
  const m = /^<(a?):(\w+):(\d+)>$/.exec(emoji);
  return m ? { id: m[3]!, name: m[2]!, animated: m[1] === 'a' } : { name: emoji };
}

/** Upper bound of the select's choices: unique panels take one role at a time. */
const maxValues = (p: RolePanel) => (p.mode === 'unique' ? 1 : p.options.length);

/**
 * The panel as a Discord message: an embed with its title and description, then one button per
 * role (five per row) or one select menu. Each component carries a signed id naming the panel
 * (and the role, for buttons), so a click is routed back here and cannot be forged.
 */
export async function panelMessage(panel: RolePanel, sign: SignId): Promise<RESTPostAPIChannelMessageJSONBody> {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  if (panel.style === 'select') {
    rows.push({
      type: ComponentType.ActionRow,
      components: [{
        type: ComponentType.StringSelect,
        custom_id: await sign(PICK_PREFIX, panel.id),
        placeholder: panel.mode === 'remove' ? 'Pick roles to remove' : 'Pick a role',
        min_values: 1,
        max_values: maxValues(panel),
        options: panel.options.map((o) => ({ label: o.label, value: o.roleId, ...(parseEmoji(o.emoji) ? { emoji: parseEmoji(o.emoji) } : {}) })),
      }],
    });
  } else {
    const buttons = await Promise.all(
      panel.options.map(async (o) => ({
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: o.label,
        custom_id: await sign(PICK_PREFIX, panel.id, o.roleId),
        ...(parseEmoji(o.emoji) ? { emoji: parseEmoji(o.emoji) } : {}),
      })),
    );
    for (let i = 0; i < buttons.length; i += 5) rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + 5) });
  }
  return {
    embeds: [{ title: panel.title, ...(panel.description ? { description: panel.description } : {}), color: 0x5865f2 }],
    components: rows,
    allowed_mentions: { parse: [] },
  };
}
