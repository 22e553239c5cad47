import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const FILES: Record<string, string> = { 'index.html': 'text/html; charset=utf-8', 'client.js': 'text/javascript; charset=utf-8', 'client.css': 'text/css; charset=utf-8' };

/**
 * The demo client's static files (plain HTML, JS and CSS in `public/`), read once at start:
 * `/` is the page, `/client/client.js` and `/client/client.css` its assets.
 */
export function clientPages(): Hono {
  const body = Object.fromEntries(Object.keys(FILES).map((f) => [f, readFileSync(new URL(`./public/${f}`, import.meta.url), 'utf8')]));
  const send = (file: string) => new Response(body[file], { headers: { 'content-type': FILES[file]!, 'cache-control': 'no-cache' } });
  return new Hono()
    .get('/', (c) => (c.req.header('accept')?.includes('text/html') ? send('index.html') : c.json({ simulator: 'discord', client: '/', api: '/api/v10', gateway: '/gateway', oauth2: '/oauth2/authorize' })))
    .get('/client/client.js', () => send('client.js'))
    .get('/client/client.css', () => send('client.css'));
}
