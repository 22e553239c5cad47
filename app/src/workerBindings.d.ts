/**
 * The Worker's binding types, opaque in the dashboard. The dashboard reads the Worker's route
 * types (typed module clients, `moduleClient<StatsApi>`), which mention the Worker's `Env`; it
 * never touches a binding, so these names only need to exist here.
 */
interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): unknown;
}
interface Fetcher {
  readonly __workerBinding?: never;
}
