import { z } from 'zod';

/** A snowflake in a JSON body (string, as Discord sends and accepts). */
export const snowflake = z.string().regex(/^\d{1,20}$/, 'Value is not snowflake.');

/** A permission bitfield as a decimal string (numbers accepted, as Discord does). */
export const bitfield = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => String(v));

/** One permission overwrite in a body. */
export const overwriteSchema = z.object({
  id: snowflake,
  type: z.union([z.literal(0), z.literal(1)]),
  allow: bitfield.nullish().transform((v) => v ?? '0'),
  deny: bitfield.nullish().transform((v) => v ?? '0'),
});

/** Fields shared by channel create and modify (a clone sends all of them). */
const channelFields = {
  topic: z.string().max(4096).nullish(),
  bitrate: z.number().int().min(8000).max(384_000).nullish(),
  user_limit: z.number().int().min(0).max(99).nullish(),
  rate_limit_per_user: z.number().int().min(0).max(21_600).nullish(),
  position: z.number().int().nullish(),
  permission_overwrites: z.array(overwriteSchema).max(100).nullish(),
  parent_id: snowflake.nullish(),
  nsfw: z.boolean().nullish(),
  rtc_region: z.string().nullish(),
  video_quality_mode: z.number().int().nullish(),
  default_auto_archive_duration: z.number().int().nullish(),
  default_reaction_emoji: z.unknown().optional(),
  available_tags: z.array(z.unknown()).nullish(),
  default_sort_order: z.number().int().nullish(),
  default_forum_layout: z.number().int().nullish(),
  default_thread_rate_limit_per_user: z.number().int().nullish(),
  flags: z.number().int().nullish(),
  archived: z.boolean().nullish(),
  locked: z.boolean().nullish(),
  auto_archive_duration: z.number().int().nullish(),
  invitable: z.boolean().nullish(),
};

/** `POST /guilds/{id}/channels` body. */
export const channelCreateSchema = z.object({
  name: z.string().min(1).max(100),
  type: z.number().int().nullish().transform((v) => v ?? 0),
  ...channelFields,
});

/** `PATCH /channels/{id}` body. */
export const channelPatchSchema = z.object({ name: z.string().min(1).max(100).optional(), type: z.number().int().optional(), ...channelFields });

/** Removes `null`/`undefined` so stores apply defaults. */
export function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as never;
}

/** Message body for create/edit (bots, webhooks, interaction responses). */
/** Discord's `PollCreateRequest` (question ≤ 300, 1–10 answers ≤ 55 characters, duration in hours ≤ 32 days). */
export const pollCreateSchema = z.object({
  question: z.object({ text: z.string().min(1).max(300) }),
  answers: z.array(z.object({ poll_media: z.object({ text: z.string().min(1).max(55), emoji: z.object({ id: snowflake.nullish(), name: z.string().nullish() }).nullish() }) })).min(1).max(10),
  duration: z.number().int().min(1).max(768).nullish(),
  allow_multiselect: z.boolean().nullish(),
  layout_type: z.literal(1).nullish(),
});

export const messageSchema = z.object({
  content: z.string().max(2000).nullish(),
  embeds: z.array(z.record(z.string(), z.unknown())).max(10).nullish(),
  components: z.array(z.record(z.string(), z.unknown())).max(40).nullish(),
  flags: z.number().int().nullish(),
  tts: z.boolean().nullish(),
  nonce: z.union([z.string(), z.number()]).nullish(),
  enforce_nonce: z.boolean().nullish(),
  message_reference: z.object({ message_id: snowflake, channel_id: snowflake.optional(), guild_id: snowflake.optional(), fail_if_not_exists: z.boolean().optional() }).nullish(),
  allowed_mentions: z.unknown().optional(),
  attachments: z.array(z.unknown()).nullish(),
  sticker_ids: z.array(snowflake).nullish(),
  poll: pollCreateSchema.nullish(),
});
