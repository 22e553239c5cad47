import { AllowedMentionsTypes, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { ScheduledPost } from './config';

/** The message a scheduled post sends (mentions of everyone and roles are not pinged). */
export function postBody(post: ScheduledPost): RESTPostAPIChannelMessageJSONBody {
  const embed = post.embedTitle.trim() || post.embedDescription.trim()
    ? [{ ...(post.embedTitle.trim() ? { title: post.embedTitle } : {}), ...(post.embedDescription.trim() ? { description: post.embedDescription } : {}), color: parseInt(post.embedColor.slice(1), 16) }]
    : [];
  return { ...(post.content.trim() ? { content: post.content } : {}), embeds: embed, allowed_mentions: { parse: [AllowedMentionsTypes.User] } };
}
