export * from './schema';
export { runMigrations, MIGRATIONS_FOLDER } from './runMigrations';
