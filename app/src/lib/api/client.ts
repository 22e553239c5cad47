import { ApiError } from './ApiError';

/** Recent GET answers kept by {@link cachedApi}: path → when asked and the pending/settled promise. */
const cache = new Map<string, { at: number; promise: Promise<unknown> }>();

/** Drops cached answers whose path starts with `prefix` (all by default). */
export function invalidateCached(prefix = ''): void {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}

// A write to one part of a guild can change what another part answers (a member's roles change the roles' member counts).
const RELATED: Record<string, string[]> = { members: ['roles'], roles: ['members', 'channels'], channels: [], modules: ['plan'], plan: ['modules'] };

/** Drops the cached answers a write to `path` may have changed: its part of the guild, the related parts and the guild itself. */
function invalidateAfterWrite(path: string): void {
  const m = path.match(/^(\/api\/guilds\/\d+)(?:\/([a-z-]+))?/);
  if (!m) return invalidateCached('/api/');
  const [, guild, part] = m;
  if (!part) return invalidateCached(`${guild}`);
  for (const p of [part, ...(RELATED[part] ?? [])]) invalidateCached(`${guild}/${p}`);
  invalidateCached(`${guild}?`);
  cache.delete(guild!);
}

/**
 * A GET through {@link api}, shared for `ttlMs` by every caller of the same path: lookups
 * (names, pickers, counts) that several pages need cost one request, which keeps a busy admin
 * well under the API's per-user rate limit. Failures are not kept; any write to a guild
 * through {@link api} drops that guild's cached answers.
 */
export function cachedApi<T>(path: string, ttlMs = 30_000, load: () => Promise<T> = () => api<T>(path)): Promise<T> {
  const hit = cache.get(path);
  if (hit && Date.now() - hit.at < ttlMs) return hit.promise as Promise<T>;
  const promise = load();
  cache.set(path, { at: Date.now(), promise });
  promise.catch(() => cache.get(path)?.promise === promise && cache.delete(path));
  return promise;
}

/** Options of {@link api}. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

let refreshing: Promise<boolean> | null = null;

/** 401 codes a refresh can cure: an expired access token, or none at all while the (HttpOnly, unseen) refresh cookie may still be valid. */
const REFRESHABLE = new Set(['TokenExpired', 'Unauthenticated']);

/** Rotates the session once, shared by concurrent callers; true when a new access token was issued. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => setTimeout(() => (refreshing = null), 0));
  return refreshing;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = await res.json();
  } catch {
    /* a non-JSON error (proxy, network) keeps the status text */
  }
  const retry = Number(res.headers.get('retry-after') ?? body.retryAfter ?? NaN);
  return new ApiError(
    res.status,
    String(body.message ?? res.statusText ?? 'Request failed'),
    body.code as string | undefined,
    (body.requestId as string | undefined) ?? res.headers.get('x-request-id') ?? undefined,
    body.details,
    Number.isFinite(retry) ? retry : undefined,
  );
}

/** A read app.html started before the app loaded (see there), used once. */
function takePrefetched(path: string): Promise<Response> | undefined {
  const pre = (globalThis as { __prefetch?: Record<string, Promise<Response>> }).__prefetch;
  const p = pre?.[path];
  if (p) delete pre![path];
  return p;
}

/**
 * `fetch` for the dashboard API: an expired or missing access token is refreshed once (the
 * refresh cookie is HttpOnly, so only trying tells whether one exists) and the call retried;
 * any other failure throws an {@link ApiError} carrying the request id for support.
 * The typed module clients (`hc`) use it too.
 */
export async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}, retried = false): Promise<Response> {
  const request: RequestInit = { ...init, credentials: 'same-origin' };
  const method = (request.method ?? 'GET').toUpperCase();
  let res: Response;
  try {
    // Only a plain first GET by path can take over what app.html started.
    const prefetched = method === 'GET' && !retried && typeof input === 'string' ? takePrefetched(input) : undefined;
    res = await (prefetched ?? fetch(input, request));
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'Network error: the server could not be reached');
  }
  if (res.status === 401 && !retried) {
    const err = await toError(res.clone());
    if (REFRESHABLE.has(err.code ?? '') && (await refreshSession())) return apiFetch(input, init, true);
    throw err;
  }
  if (!res.ok) throw await toError(res);
  // The base only resolves relative paths (the dashboard calls its own origin).
  if (method !== 'GET') invalidateAfterWrite(new URL(String(input instanceof Request ? input.url : input), 'http://dashboard.invalid').pathname);
  return res;
}

/** Calls the dashboard API and reads the JSON answer (see {@link apiFetch}). */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const init: RequestInit = { method: options.method ?? 'GET', signal: options.signal, headers: {} };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await apiFetch(path, init);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
