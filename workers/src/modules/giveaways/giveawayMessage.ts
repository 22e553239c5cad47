import { ButtonStyle, ComponentType, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { Giveaway } from './data/giveawayStore';

/** The `custom_id` prefix of the Enter button. */
export const ENTER_PREFIX = 'giveaways.enter';
const ts = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The giveaway's message: prize, rules, end time and the Enter button; once ended, its winners and no button. */
export async function giveawayMessage(g: Giveaway, sign: ((p: string, ...s: string[]) => Promise<string>) | null): Promise<RESTPostAPIChannelMessageJSONBody> {
  const rules = [
    `${g.winners} winner${g.winners === 1 ? '' : 's'} · hosted by <@${g.hostId}>`,
    g.requiredRoles.length ? `Only for ${g.requiredRoles.map((r) => `<@&${r}>`).join(' or ')}` : '',
    ...g.bonus.map((b) => `<@&${b.roleId}>: +${b.entries} entr${b.entries === 1 ? 'y' : 'ies'}`),
  ].filter(Boolean);
  if (g.endedAt) {
    const won = g.winnerIds?.length ? g.winnerIds.map((u) => `<@${u}>`).join(', ') : 'nobody (no valid entries)';
    return { embeds: [{ title: `🎉 ${g.prize}`, description: `${rules.join('\n')}\n\nEnded <t:${ts(g.endedAt)}:R> · ${g.entries} entries\nWinners: ${won}`, color: 0x99aab5 }], components: [], allowed_mentions: { parse: [] } };
  }
  return {
    embeds: [{ title: `🎉 ${g.prize}`, description: `${rules.join('\n')}\n\nEnds <t:${ts(g.endsAt)}:R>. Click **Enter** to take part.`, color: 0xf1c40f }],
    components: sign ? [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Enter', emoji: { name: '🎉' }, custom_id: await sign(ENTER_PREFIX, String(g.id)) }] }] : [],
    allowed_mentions: { parse: [] },
  };
}
