import { z } from 'zod';
import { roleField } from '../../platform/configFields';

/** Extra entries for members holding a role. */
export const bonusSchema = z.object({
  roleId: roleField().meta({ title: 'Role', description: 'Members with this role get extra entries.' }),
  entries: z.number().int().min(1).max(10).default(1).meta({ title: 'Extra entries', description: 'Added to their one entry.' }),
});

/** The Giveaways module's config. `giveawaysConfigSchema.parse({})` gives the defaults. */
export const giveawaysConfigSchema = z.object({
  bonusRoles: z.array(bonusSchema).max(10).default([]).meta({ title: 'Bonus entries', description: 'Extra entries per role, in every giveaway (a giveaway may add its own).' }),
  dmWinners: z.boolean().default(true).meta({ title: 'DM the winners', description: 'Winners also get a direct message.' }),
  maxDays: z.number().int().min(1).max(60).default(30).meta({ title: 'Longest giveaway (days)', description: 'How long a giveaway may run.' }),
});

/** A validated Giveaways config. */
export type GiveawaysConfig = z.infer<typeof giveawaysConfigSchema>;
