const n = (v: string) => Number(v).toLocaleString('en-US');

/** zod's default English messages (v4) and what a person reads instead. */
const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Too small: expected string to have >=?1 characters?$/i, () => 'Required'],
  [/^Too small: expected string to have >=?(\d+) characters?$/i, (m) => `At least ${n(m[1]!)} characters`],
  [/^Too big: expected string to have <=?(\d+) characters?$/i, (m) => `At most ${n(m[1]!)} characters`],
  [/^Too small: expected (?:number|int) to be >=?(-?[\d.]+)$/i, (m) => `At least ${n(m[1]!)}`],
  [/^Too big: expected (?:number|int) to be <=?(-?[\d.]+)$/i, (m) => `At most ${n(m[1]!)}`],
  [/^Too small: expected array to have >=?(\d+) items?$/i, (m) => (m[1] === '1' ? 'Pick at least one' : `Pick at least ${m[1]}`)],
  [/^Too big: expected array to have <=?(\d+) items?$/i, (m) => `At most ${m[1]} can be picked`],
  [/^Invalid input: expected (\w+), received (undefined|null)$/i, () => 'Required'],
  [/^Invalid input: expected (number|int), received \w+$/i, () => 'Must be a number'],
  [/^Invalid input: expected int, received number$/i, () => 'Must be a whole number'],
  [/^Invalid input: expected (\w+), received (\w+)$/i, (m) => `Must be a ${m[1]}`],
  [/^Invalid option: expected one of (.+)$/i, (m) => `Pick one of ${m[1]!.replace(/"/g, '').split('|').join(', ')}`],
  [/^Invalid (?:string: must match pattern|format).*$/i, () => 'Not in the expected format'],
  [/^Invalid (?:url|URL)$/i, () => 'Must be a web address (https://…)'],
];

/** A validation message as a person reads it ("Too small: expected string to have >=1 characters" → "Required"). */
export function humanMessage(message: string): string {
  for (const [re, fmt] of RULES) {
    const m = message.match(re);
    if (m) return fmt(m);
  }
  return message;
}
