/**
 * One line prepended to every script so fengari (through ioredis-mock) matches Redis:
 * `redis.call` replies that are arrays become Lua tables whose nil elements are `false`
 * (Redis converts a nil bulk reply to false; ioredis-mock hands over a JS array in which
 * they arrive as JS null, which breaks scripts such as ratelimit's token bucket doing `bucket[1] == false`).
 */
const PRELUDE =
  "local __rc = redis.call; redis.call = function(...) local v = __rc(...); if type(v) == 'userdata' then local t = {}; for i = 1, #v do local e = v[i]; if e == nil or (type(e) == 'userdata' and tostring(e) == 'null') then t[i] = false else t[i] = e end end; return t end; return v end;";

/**
 * Adapts a script for the embedded Lua VM: drops a Redis 7 shebang line
 * (`#!lua flags=...`, which plain Lua rejects) and adds {@link PRELUDE} on the same first
 * line so error line numbers stay those of the original script.
 */
export function prepareScript(script: string): string {
  const body = script.startsWith('#!') ? script.replace(/^#![^\n]*/, '') : script;
  return PRELUDE + body;
}

/**
 * Converts a script's return value as Redis does: numbers are truncated to integers, `false`
 * becomes nil, `true` becomes 1, and tables become arrays.
 */
export function luaResultToRedis(v: unknown): unknown {
  if (typeof v === 'number') return Math.trunc(v);
  if (v === false || v === undefined) return null;
  if (v === true) return 1;
  if (Array.isArray(v)) return v.map(luaResultToRedis);
  return v;
}
