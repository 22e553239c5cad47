/** The package ships its zod schemas as plain JS; tests only need `safeParse`. */
declare module 'discord-api-spec/zod' {
  type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } };
  const schemas: { [name: string]: Schema };
  export = schemas;
}
