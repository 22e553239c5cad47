/**
 * The dashboard's view of the API contract (`@edge/workers/api`), types only: the core routes'
 * type for `hc<CoreApi>` and the module system's answers. Nothing here is copied by hand.
 */
export type { CoreApi } from './coreRoutes';
export type { ModuleListing } from '../platform/manager/listModules';
export type { Revision } from '../platform/manager/revisions';
export type { ModuleChangeResult } from '../platform/hub/HubCore';
export type { ErrorBody } from '../errors/ErrorBody';
