// Kept free of Worker-only types: the dashboard imports it (through welcome/render.ts) under DOM types.

/** Plans a guild can be on. */
export type Plan = 'free' | 'premium' | 'max';

/** Every plan, cheapest first. */
export const PLANS: readonly Plan[] = ['free', 'premium', 'max'];

/** Numeric limits per plan; `-1` means unlimited, `0` means not allowed. */
export type PlanLimits = Record<string, number>;
