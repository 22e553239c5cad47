import { ApiError } from '../api/ApiError';

/** A value loaded from the API with its loading and error states, reloadable. */
export interface Resource<T> {
  readonly data: T | undefined;
  readonly loading: boolean;
  readonly error: ApiError | undefined;
  reload(): Promise<void>;
  /** Replaces the data locally (optimistic updates); `reload` brings back the server's truth. */
  set(value: T): void;
}

/** Loads `fetcher()` now and on `reload()`; the latest call wins when calls overlap. */
export function resource<T>(fetcher: () => Promise<T>): Resource<T> {
  let data = $state<T | undefined>(undefined);
  let loading = $state(true);
  let error = $state<ApiError | undefined>(undefined);
  let generation = 0;
  async function reload() {
    const mine = ++generation;
    loading = true;
    error = undefined;
    try {
      const value = await fetcher();
      if (mine === generation) data = value;
    } catch (err) {
      if (mine === generation) error = err instanceof ApiError ? err : new ApiError(0, (err as Error).message);
    } finally {
      if (mine === generation) loading = false;
    }
  }
  void reload();
  return {
    get data() { return data; },
    get loading() { return loading; },
    get error() { return error; },
    reload,
    set(value: T) { data = value; },
  };
}
