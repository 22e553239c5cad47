import type { APIAttachment, APIEmbed, APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { StarboardConfig } from './config';

const IMAGE = /\.(png|jpe?g|gif|webp)(\?|$)/i;
const isImage = (a: APIAttachment) => (a.content_type ? a.content_type.startsWith('image/') : IMAGE.test(a.filename));

/** The line above the embed: the emoji, the count and where the message was posted. */
export function countLine(config: Pick<StarboardConfig, 'emoji'>, stars: number, channelId: string): string {
  return `${config.emoji} **${stars}** · <#${channelId}>`;
}

/** The author as Discord shows them (display name, else username) and their avatar. */
export function authorOf(msg: Pick<APIMessage, 'author'>): { name: string; iconUrl: string } {
  const u = msg.author;
  const iconUrl = u.avatar
    ? `https://cdn.discordapp.com/avatars/${u.id}/${u.avatar}.${u.avatar.startsWith('a_') ? 'gif' : 'png'}?size=128`
    : `https://cdn.discordapp.com/embed/avatars/${Number((BigInt(u.id) >> 22n) % 6n)}.png`;
  return { name: u.global_name ?? u.username, iconUrl };
}

/**
 * The starboard's copy of a message: the count line, then an embed with the author, the text,
 * the first image (an attachment, else an embed's image), links to the other attachments and
 * to the original. Mentions never ping (`allowed_mentions` empty).
 */
export function boardMessage(config: Pick<StarboardConfig, 'emoji' | 'color'>, guildId: string, msg: APIMessage, stars: number): RESTPostAPIChannelMessageJSONBody {
  const author = authorOf(msg);
  const images = msg.attachments.filter(isImage);
  const others = msg.attachments.filter((a) => a !== images[0]);
  const embedImage = msg.embeds.map((e) => e.image?.url ?? e.thumbnail?.url).find(Boolean);
  const image = images[0]?.url ?? embedImage;
  const link = `https://discord.com/channels/${guildId}/${msg.channel_id}/${msg.id}`;
  const fields: APIEmbed['fields'] = [];
  if (others.length > 0) {
    fields.push({ name: 'Attachments', value: others.map((a) => `[${a.filename.replace(/[[\]]/g, '')}](${a.url})`).join('\n').slice(0, 1024) });
  }
  fields.push({ name: 'Original', value: `[Jump to the message](${link})` });
  const embed: APIEmbed = {
    author: { name: author.name, icon_url: author.iconUrl },
    color: Number.parseInt(config.color.slice(1), 16),
    fields,
    timestamp: msg.timestamp,
    footer: { text: msg.id },
    ...(msg.content ? { description: msg.content.slice(0, 4096) } : {}),
    ...(image ? { image: { url: image } } : {}),
  };
  return { content: countLine(config, stars, msg.channel_id), embeds: [embed], allowed_mentions: { parse: [] } };
}
