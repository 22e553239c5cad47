import { ModuleError, type SerializedModuleError } from '../manager/ModuleError';

/** What a GuildHub RPC method returns: refusals travel as data (error classes do not cross RPC). */
export type HubResult<T> = { ok: true; value: T } | { ok: false; error: SerializedModuleError };

/** Runs `fn` on the hub side, turning a {@link ModuleError} into a refusal result. */
export async function toHubResult<T>(fn: () => Promise<T>): Promise<HubResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof ModuleError) return { ok: false, error: err.toJSON() };
    throw err;
  }
}

/** On the caller's side: the value, or the refusal rethrown as a {@link ModuleError}. */
export async function fromHubResult<T>(result: Promise<HubResult<T>>): Promise<T> {
  const r = await result;
  if (r.ok) return r.value;
  throw ModuleError.from(r.error);
}
