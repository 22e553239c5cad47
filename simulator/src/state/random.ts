/** A small seeded PRNG (mulberry32): the demo and the scenario must be reproducible from a seed. */
export class SeededRandom {
  private a: number;
  constructor(seed: number | string) {
    let h = 1779033703;
    for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    this.a = h >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
