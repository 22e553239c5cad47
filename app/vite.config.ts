import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `vite dev`, API calls go to the Worker started by `npm run dev`.
const worker = process.env.WORKER_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: { '/api': { target: worker, ws: true }, '/auth': worker },
  },
  build: { target: 'es2022' },
});
