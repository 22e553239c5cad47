import { EventEmitter } from 'node:events';

/**
 * Stand-in for `@vladfrangu/async_event_emitter` in the Worker bundle (aliased in
 * wrangler.toml). Its bundled copy of Node's `inspect` throws at module load in workerd
 * ("Super expression must either be null or a function"), which stopped any Worker that
 * imports `@discordjs/rest` from starting. `@discordjs/rest` only uses `emit`, `on` and
 * `listenerCount`, which Node's EventEmitter (nodejs_compat) provides.
 */
export class AsyncEventEmitter extends EventEmitter {}
