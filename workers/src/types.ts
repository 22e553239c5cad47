import type { Config, Env } from './env';
import type { Logger } from '@edge/shared/log';

/** Hono environment shared by every route of the Worker. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
    config: Config;
  };
}
