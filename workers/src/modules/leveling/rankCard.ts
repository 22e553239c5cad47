import { ComponentType, MessageFlags, SeparatorSpacingSize, type APIMessageTopLevelComponent } from 'discord-api-types/v10';
import type { LevelProgress } from './curve';

/** What a rank card shows. */
export interface RankCardInput {
  userId: string;
  name: string;
  avatarUrl: string;
  xp: number;
  progress: LevelProgress;
  rank: number | null;
  total: number;
  messages: number;
  voiceMinutes: number;
}

const BAR = 16;

/** A progress bar in text: filled and empty blocks, 16 wide. */
export function progressBar(into: number, span: number): string {
  const filled = span > 0 ? Math.min(BAR, Math.floor((into / span) * BAR)) : 0;
  return '█'.repeat(filled) + '░'.repeat(BAR - filled);
}

/** A user's avatar URL on Discord's CDN (their default avatar when they have none). */
export function avatarUrl(user: { id: string; avatar?: string | null }): string {
  if (user.avatar) return `https://cdn.discordapp.com/avatars/${user.id}/${user.avatar}.png?size=128`;
  return `https://cdn.discordapp.com/embed/avatars/${Number((BigInt(user.id) >> 22n) % 6n)}.png`;
}

/**
 * The rank card as a Discord Components v2 layout (no image to render: cheap on the Worker's
 * CPU): a container with the name, level and rank beside the avatar (a section with a
 * thumbnail), then the progress bar. Sent with the `IS_COMPONENTS_V2` flag, which forbids
 * `content` and `embeds` (https://discord.com/developers/docs/components/reference).
 */
export function rankCard(c: RankCardInput): { flags: number; components: APIMessageTopLevelComponent[]; allowed_mentions: { parse: [] } } {
  const pct = c.progress.span > 0 ? Math.floor((c.progress.into / c.progress.span) * 100) : 0;
  return {
    flags: MessageFlags.IsComponentsV2,
    allowed_mentions: { parse: [] },
    components: [{
      type: ComponentType.Container,
      accent_color: 0x5865f2,
      components: [
        {
          type: ComponentType.Section,
          components: [
            { type: ComponentType.TextDisplay, content: `## ${c.name}` },
            { type: ComponentType.TextDisplay, content: `Level **${c.progress.level}** · Rank **${c.rank ? `#${c.rank}` : '—'}** of ${c.total}` },
            { type: ComponentType.TextDisplay, content: `${c.xp.toLocaleString('en-US')} XP · ${c.messages.toLocaleString('en-US')} messages · ${c.voiceMinutes.toLocaleString('en-US')} voice minutes` },
          ],
          accessory: { type: ComponentType.Thumbnail, media: { url: c.avatarUrl }, description: `${c.name}’s avatar` },
        },
        { type: ComponentType.Separator, divider: true, spacing: SeparatorSpacingSize.Small },
        { type: ComponentType.TextDisplay, content: `\`${progressBar(c.progress.into, c.progress.span)}\` ${pct}%\n${c.progress.into.toLocaleString('en-US')} / ${c.progress.span.toLocaleString('en-US')} XP to level ${c.progress.level + 1}` },
      ],
    }],
  };
}
