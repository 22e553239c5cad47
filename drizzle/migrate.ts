import { runMigrations } from './runMigrations';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: name the Postgres to migrate (npm run dev migrates the embedded one itself).');
  process.exit(2);
}
runMigrations(url).then(
  () => console.log(JSON.stringify({ level: 'info', msg: 'migrations applied' })),
  (err: Error) => {
    console.error(JSON.stringify({ level: 'error', msg: 'migration failed', error: err.message }));
    process.exit(1);
  },
);
