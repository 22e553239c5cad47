import { z } from 'zod';
import { Snowflake, SNOWFLAKE_DIGITS } from '@edge/shared/snowflake';

/**
 * Building blocks of module config schemas. Each sets the JSON Schema hints the dashboard's
 * form generator reads (`widget`, `showIf`, `options`), so a module never touches the dashboard
 * to get a channel picker, a colour input or a duration. Every field still needs its own
 * `.meta({ title, description })` (a test checks every module's schema for them).
 */

/** A Discord id (snowflake): the one schema of the API, modules, simulator and dashboard. */
export const snowflake = Snowflake;

/** What the form generator understands beyond plain JSON Schema (typed on every `.meta()`). */
export interface FieldMeta {
  /** Input to render: pickers (never raw ids), colour, duration, long text, hidden. */
  widget?: 'channel' | 'channels' | 'role' | 'roles' | 'member' | 'members' | 'color' | 'duration' | 'message' | 'emoji' | 'hidden';
  /** Show the field only when sibling fields hold these values (`{ messageType: 'embed' }`). */
  showIf?: Record<string, unknown>;
  /** Labels of enum values (`{ text: 'Plain text' }`). */
  options?: Record<string, string>;
  /** Needs a paid plan (the form shows a badge and locks it on free). */
  premium?: boolean;
  /** Plan limit (of the module's limits) that must be above 0 to use this field: `{ premiumLimit: 'embeds' }`. */
  premiumLimit?: string;
  /** With `premiumLimit` on an enum: only these options need it (the others stay free). */
  premiumOptions?: string[];
}

/** A text channel picked by name. */
export const channelField = () => snowflake.meta({ widget: 'channel' });
/** Several text channels picked by name. */
export const channelsField = (max: number) => uniqueIds(max, 'channel').meta({ widget: 'channels' });
/** A role picked by name. */
export const roleField = () => snowflake.meta({ widget: 'role' });
/** Several roles picked by name. */
export const rolesField = (max: number) => uniqueIds(max, 'role').meta({ widget: 'roles' });
/** A member found by name. */
export const memberField = () => snowflake.meta({ widget: 'member' });
/** A colour as `#RRGGBB`. */
export const colorField = () => z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #5865F2').meta({ widget: 'color' });
/** A duration in whole seconds between `min` and `max`, edited in the unit that reads best. */
export const durationField = (min: number, max: number) => z.number().int().min(min).max(max).meta({ widget: 'duration' });
/** A unicode emoji or a custom one as `<:name:id>`. */
export const emojiField = () =>
  z.string().regex(new RegExp(`^(<a?:\\w{2,32}:${SNOWFLAKE_DIGITS}>|\\p{Extended_Pictographic}(\\u200d?\\p{Extended_Pictographic}|\\ufe0f)*)$`, 'u'), 'must be an emoji').meta({ widget: 'emoji' });
/** A message text up to `max` characters (Discord: 2,000). */
export const messageField = (max = 2000) => z.string().trim().min(1).max(max).meta({ widget: 'message' });

function uniqueIds(max: number, what: string) {
  return z
    .array(snowflake)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, `must not repeat a ${what}`);
}

declare module 'zod' {
  // zod's documented way to type `.meta()`: the keys land in the JSON Schema the dashboard reads.
  interface GlobalMeta {
    widget?: FieldMeta['widget'];
    showIf?: FieldMeta['showIf'];
    options?: FieldMeta['options'];
    premium?: FieldMeta['premium'];
    premiumLimit?: FieldMeta['premiumLimit'];
    premiumOptions?: FieldMeta['premiumOptions'];
  }
}
