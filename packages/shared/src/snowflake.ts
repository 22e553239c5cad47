import { z } from 'zod';

/**
 * The digits of a Discord id (snowflake): 17 to 20. The smallest real ids (2015) have 17 digits;
 * 20 is the most a 64-bit id can have.
 */
export const SNOWFLAKE_PATTERN = /^\d{17,20}$/;

/** A Discord id as text, checked the same way by the API, modules, the simulator and the dashboard. */
export const Snowflake = z.string().regex(SNOWFLAKE_PATTERN, 'must be a Discord id (17-20 digits)');

/** True when `s` is a Discord id (surrounding spaces allowed, as pasted). */
export const isSnowflake = (s: string): boolean => SNOWFLAKE_PATTERN.test(s.trim());

/** The same rule inside a larger text (mentions `<@id>`, `<#id>`): `\d{17,20}`. */
export const SNOWFLAKE_DIGITS = '\\d{17,20}';
