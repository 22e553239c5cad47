/** What other modules may use from Role panels. */
export { rolesModule } from './definition';
export { rolesConfigSchema, type RolesConfig, type RolePanel } from './config';
export type { RolesApi } from './api';
