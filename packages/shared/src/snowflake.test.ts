import { describe, expect, it } from 'vitest';
import { isSnowflake, Snowflake, SNOWFLAKE_DIGITS } from './snowflake';

describe('the one snowflake rule', () => {
  it('takes 17 to 20 digits, nothing shorter, longer or padded with letters', () => {
    for (const ok of ['80351110224678912', '12345678901234567890']) expect(Snowflake.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['8035111022467891', '123456789012345678901', '12345678901234567a', '', ' 80351110224678912']) expect(Snowflake.safeParse(bad).success, bad).toBe(false);
  });

  it('means the same in the dashboard check and inside mentions', () => {
    expect(isSnowflake(' 80351110224678912 ')).toBe(true);
    expect(isSnowflake('123456789012345')).toBe(false);
    expect('<@123456789012345> <@80351110224678912>'.match(new RegExp(`<@(${SNOWFLAKE_DIGITS})>`, 'g'))).toEqual(['<@80351110224678912>']);
  });
});
