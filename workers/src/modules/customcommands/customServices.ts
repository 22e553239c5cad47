import type { ModuleContext } from '../../platform/ModuleContext';
import { customCommandsConfigSchema, type CustomCommandsConfig } from './config';

/** The module's config from a context (validated; defaults when never configured). */
export function customConfig(ctx: Pick<ModuleContext, 'config'>): CustomCommandsConfig {
  return customCommandsConfigSchema.parse(ctx.config ?? {});
}
