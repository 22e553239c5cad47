import { ChannelType } from 'discord-api-types/v10';

/** Whether a channel type is a thread (public, private or announcement). */
export function isThreadType(type: number): boolean {
  return type === ChannelType.PublicThread || type === ChannelType.PrivateThread || type === ChannelType.AnnouncementThread;
}
