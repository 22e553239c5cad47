/** What every local service returns once it listens. */
export interface Service {
  /** Base URL (http:// or ws://, or postgres:// for the database). */
  url: string;
  /** The port it actually listens on (the real one when 0 was asked). */
  port: number;
  /** Stops listening and releases everything it holds; safe to call twice. */
  stop(): Promise<void>;
}

/** Options shared by every local service. */
export interface ServiceOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind; loopback by default so nothing is exposed. */
  host?: string;
}
