import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Platform tables, then each module's own `schema.ts` (a new module adds no line here).
  schema: ['./drizzle/schema/index.ts', './workers/src/modules/*/schema.ts'],
  out: './drizzle/migrations',
});
