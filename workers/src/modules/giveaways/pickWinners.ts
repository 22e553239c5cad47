/** A uniform random number in [0, 1) from the platform's CSPRNG. */
const random = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

/**
 * Draws up to `count` distinct winners, each entry's chance proportional to its weight (one
 * entry plus bonus entries), leaving out `exclude` (a reroll skips earlier winners).
 */
export function pickWinners(entries: readonly { userId: string; weight: number }[], count: number, exclude: readonly string[] = [], rng: () => number = random): string[] {
  const pool = entries.filter((e) => !exclude.includes(e.userId) && e.weight > 0).map((e) => ({ ...e }));
  const out: string[] = [];
  while (out.length < count && pool.length) {
    const total = pool.reduce((a, e) => a + e.weight, 0);
    let x = rng() * total;
    const i = pool.findIndex((e) => (x -= e.weight) < 0);
    const [won] = pool.splice(i < 0 ? pool.length - 1 : i, 1);
    out.push(won!.userId);
  }
  return out;
}
