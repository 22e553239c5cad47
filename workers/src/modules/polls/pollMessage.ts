import { ButtonStyle, ComponentType, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { Poll } from './data/pollStore';

/** The `custom_id` prefix of button-poll votes. */
export const VOTE_PREFIX = 'polls.vote';

type Sign = (prefix: string, ...state: string[]) => Promise<string>;

const bar = (n: number, total: number) => {
  const share = total ? n / total : 0;
  return `${'█'.repeat(Math.round(share * 12))}${'░'.repeat(12 - Math.round(share * 12))} ${n} (${Math.round(share * 100)}%)`;
};

/** `endsAt` as Discord's relative timestamp (every client shows it in its own time zone). */
const when = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;

/**
 * A button poll's message: the question, its answers as buttons (five per row, 25 at most), how
 * voting works and when it ends. Closed (`results` given): the counts as bars, no buttons.
 */
export async function pollMessage(poll: Poll, sign: Sign, results?: number[]): Promise<RESTPostAPIChannelMessageJSONBody> {
  const rules = [poll.multiselect ? 'Pick as many as you like' : 'One answer per member', poll.anonymous ? 'votes are anonymous' : 'votes are visible to admins'].join(' · ');
  if (results) {
    const total = results.reduce((a, b) => a + b, 0);
    const lines = poll.answers.map((a, i) => `**${a}**\n${bar(results[i] ?? 0, total)}`);
    return { embeds: [{ title: `📊 ${poll.question}`, description: `${lines.join('\n')}\n\nPoll closed · ${total} vote${total === 1 ? '' : 's'}`, color: 0x99aab5 }], components: [], allowed_mentions: { parse: [] } };
  }
  const buttons = await Promise.all(poll.answers.map(async (label, i) => ({ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, label: label.slice(0, 80), custom_id: await sign(VOTE_PREFIX, String(poll.id), String(i)) })));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: ComponentType.ActionRow as const, components: buttons.slice(i, i + 5) });
  return { embeds: [{ title: `📊 ${poll.question}`, description: `${rules}\nEnds ${when(poll.endsAt)}`, color: 0x5865f2 }], components: rows, allowed_mentions: { parse: [] } };
}
