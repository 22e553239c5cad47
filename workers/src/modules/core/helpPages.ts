import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import type { InteractionContext, ReplyBody } from '../../interactions/types';
import type { ReplyInput } from '../../interactions/reply';
import { commandCatalog } from './commandCatalog';

/** Lines per `/help` page: short enough to read on a phone, far under the embed limits. */
export const HELP_PAGE_SIZE = 6;
/** `custom_id` prefix of the page buttons. */
export const HELP_PREFIX = 'core.help';

interface Line {
  module: string;
  text: string;
}

/**
 * Renders page `page` (0-based, clamped) of `/help` for the member in `ctx`, with previous /
 * next buttons whose signed ids carry the target page.
 */
export async function helpPage(ctx: InteractionContext, page: number): Promise<ReplyInput & ReplyBody> {
  const sections = commandCatalog(ctx.modules, ctx.guild, ctx.permissions, ctx.guildId !== undefined);
  const lines: Line[] = sections.flatMap((s) =>
    s.entries.map((e) => ({ module: `${s.module.icon} ${s.module.name}`, text: `\`${e.usage}\` — ${e.description}` })),
  );
  const pages = Math.max(1, Math.ceil(lines.length / HELP_PAGE_SIZE));
  const current = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  const fields: APIEmbed['fields'] = [];
  for (const line of lines.slice(current * HELP_PAGE_SIZE, (current + 1) * HELP_PAGE_SIZE)) {
    const last = fields.at(-1);
    if (last && last.name === line.module) last.value += `\n${line.text}`;
    else fields.push({ name: line.module, value: line.text });
  }
  const embed: APIEmbed = {
    title: 'Commands you can use here',
    description: lines.length ? undefined : 'No commands are available to you here.',
    fields,
    footer: { text: `Page ${current + 1}/${pages}` },
  };
  const [prev, next] = await Promise.all([
    // Discord wants distinct ids within a message, even for disabled buttons: hence the p/n tag.
    ctx.customId(HELP_PREFIX, String(Math.max(0, current - 1)), 'p'),
    ctx.customId(HELP_PREFIX, String(Math.min(pages - 1, current + 1)), 'n'),
  ]);
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '◀ Previous', custom_id: prev, disabled: current === 0 },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next ▶', custom_id: next, disabled: current >= pages - 1 },
        ],
      },
    ],
  };
}
