import { z } from 'zod';
import { durationField, roleField } from '../../platform/configFields';

/** One thing the shop sells: a role (granted on purchase) or a plain item (recorded in the ledger). */
export const shopItemSchema = z.object({
  name: z.string().trim().min(1).max(50).meta({ title: 'Name', description: 'What members type in /shop buy (unique).' }),
  price: z.number().int().min(1).max(1_000_000_000).meta({ title: 'Price', description: 'In the server’s currency.' }),
  roleId: roleField().nullable().default(null).meta({ title: 'Role', description: 'The role given on purchase (the bot must be able to manage it). None: a plain item.' }),
  description: z.string().trim().max(200).default('').meta({ title: 'Description', description: 'Shown in /shop list.' }),
});

/**
 * The Economy module's config. `economyConfigSchema.parse({})` gives the defaults. Durations are
 * in seconds.
 */
export const economyConfigSchema = z
  .object({
    currencyName: z.string().trim().min(1).max(32).default('coins').meta({ title: 'Currency name', description: 'What the money is called, e.g. “coins”, “gems”.' }),
    currencySymbol: z.string().trim().min(1).max(16).default('🪙').meta({ title: 'Currency symbol', description: 'Shown before amounts: an emoji or a short sign.' }),
    dailyAmount: z.number().int().min(1).max(1_000_000).default(100).meta({ title: '/daily amount', description: 'What /daily pays.' }),
    dailyCooldown: durationField(3_600, 7 * 86_400).default(86_400).meta({ title: '/daily cooldown', description: 'How long before a member may claim /daily again.' }),
    workMin: z.number().int().min(1).max(1_000_000).default(10).meta({ title: '/work minimum', description: 'The least /work pays.' }),
    workMax: z.number().int().min(1).max(1_000_000).default(50).meta({ title: '/work maximum', description: 'The most /work pays (a random amount in between).' }),
    workCooldown: durationField(60, 86_400).default(3_600).meta({ title: '/work cooldown', description: 'How long before a member may /work again.' }),
    shop: z
      .array(shopItemSchema)
      .max(50)
      .default([])
      .refine((items) => new Set(items.map((i) => i.name.toLowerCase())).size === items.length, 'two shop items have the same name')
      .meta({ title: 'Shop', description: 'Items and roles members buy with /shop buy (Free plan: 5 items).' }),
  })
  .refine((c) => c.workMax >= c.workMin, { message: 'the /work maximum must be at least the minimum', path: ['workMax'] });

/** A validated Economy config. */
export type EconomyConfig = z.infer<typeof economyConfigSchema>;
/** One item of the shop. */
export type ShopItem = z.infer<typeof shopItemSchema>;

/** An amount as members read it: `🪙 1,250 coins`. */
export const money = (c: Pick<EconomyConfig, 'currencySymbol' | 'currencyName'>, n: number) => `${c.currencySymbol} ${n.toLocaleString('en-US')} ${c.currencyName}`;
