import { z } from 'zod';
import { MessageFlags } from 'discord-api-types/v10';
import { invalidFormBody } from './discordError.js';

/**
 * Discord's Components v2 message layouts, as its OpenAPI spec declares the request shapes
 * (`ContainerComponentForMessageRequest`, `SectionComponentForMessageRequest`, …;
 * https://discord.com/developers/docs/components/reference): a message sent with the
 * `IS_COMPONENTS_V2` flag (1 << 15) carries its whole body in `components` (no `content`, no
 * `embeds`), at most 40 components in all (nested ones counted) and 4,000 characters of text.
 * Without the flag, only action rows may sit at the top level.
 */
const id = z.number().int().min(0).nullish();
const media = z.object({ url: z.string().max(2048).regex(/^(https?|attachment):\/\//, 'must be an http(s) or attachment:// URL') });
const textDisplay = z.object({ type: z.literal(10), id, content: z.string().min(1).max(4000) });
const thumbnail = z.object({ type: z.literal(11), id, media, description: z.string().min(1).max(1024).nullish(), spoiler: z.boolean().nullish() });
const button = z.object({ type: z.literal(2), id }).passthrough();
const actionRow = z.object({ type: z.literal(1), id, components: z.array(z.object({ type: z.number().int() }).passthrough()).min(1).max(5) }).passthrough();
const section = z.object({ type: z.literal(9), id, components: z.array(textDisplay).min(1).max(3), accessory: z.union([thumbnail, button]) });
const separator = z.object({ type: z.literal(14), id, divider: z.boolean().nullish(), spacing: z.union([z.literal(1), z.literal(2)]).nullish() });
const mediaGallery = z.object({ type: z.literal(12), id, items: z.array(z.object({ media, description: z.string().max(1024).nullish(), spoiler: z.boolean().nullish() })).min(1).max(10) });
const file = z.object({ type: z.literal(13), id, file: media, spoiler: z.boolean().nullish() });
const inContainer = z.union([actionRow, textDisplay, section, separator, mediaGallery, file]);
const container = z.object({ type: z.literal(17), id, accent_color: z.number().int().min(0).max(0xffffff).nullish(), spoiler: z.boolean().nullish(), components: z.array(inContainer).min(1).max(40) });
const topLevel = z.array(z.union([actionRow, textDisplay, section, separator, mediaGallery, file, container])).min(1).max(40);

const V2_TYPES = new Set([9, 10, 11, 12, 13, 14, 17]);

type Node = { type?: number; content?: unknown; components?: Node[]; accessory?: Node };

function walk(nodes: Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    if (Array.isArray(n.components)) walk(n.components, visit);
    if (n.accessory) walk([n.accessory], visit);
  }
}

const invalid = (field: string, code: string, message: string) => invalidFormBody({ [field]: message }, code);

/**
 * Checks a message body's components the way Discord does; throws Discord's 400 (50035) with
 * the field and reason. `flags` is the body's (or, for an edit, the message's) flags.
 */
export function checkComponents(body: { content?: string | null; embeds?: unknown[] | null; components?: unknown[] | null; flags?: number | null }): void {
  const components = (body.components ?? []) as Node[];
  if (((body.flags ?? 0) & MessageFlags.IsComponentsV2) === 0) {
    const bad = components.find((c) => V2_TYPES.has(Number(c.type)));
    if (bad) throw invalid('components', 'UNION_TYPE_CHOICES', `Component type ${bad.type} needs the IS_COMPONENTS_V2 message flag`);
    return;
  }
  if (body.content) throw invalid('content', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The content field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
  if (body.embeds?.length) throw invalid('embeds', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The embeds field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
  const parsed = topLevel.safeParse(components);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(['components', ...issue.path.map(String)].join('.'), 'BASE_TYPE_INVALID', issue.message);
  }
  let count = 0;
  let text = 0;
  walk(components, (n) => {
    count++;
    if (n.type === 10 && typeof n.content === 'string') text += n.content.length;
  });
  if (count > 40) throw invalid('components', 'BASE_TYPE_MAX_LENGTH', `Must be 40 or fewer in length (components, nested ones included: ${count})`);
  if (text > 4000) throw invalid('components', 'BASE_TYPE_MAX_LENGTH', `The text of all text displays must be 4000 or fewer in length (${text})`);
}
