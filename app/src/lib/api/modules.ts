import { api } from './client';
import type { JsonSchema } from '../forms/fieldsFromSchema';
import type { ModuleChange, ModuleEntry, RevisionDetail } from './shapes';

const base = (g: string, m: string) => `/api/guilds/${g}/modules/${m}`;

/** Client of the module routes (workers/src/platform/README.md "Routes"). */
export const modulesApi = {
  list: (g: string) => api<{ plan: string; modules: ModuleEntry[] }>(`/api/guilds/${g}/modules`),
  get: (g: string, m: string) => api<{ plan: string; module: ModuleEntry; schema: JsonSchema }>(base(g, m)),
  setEnabled: (g: string, m: string, on: boolean) => api<ModuleChange>(`${base(g, m)}/${on ? 'enable' : 'disable'}`, { method: 'POST' }),
  saveConfig: (g: string, m: string, config: unknown, expectedVersion?: number) =>
    api<ModuleChange>(`${base(g, m)}/config`, { method: 'PUT', body: { config, expectedVersion } }),
  revisions: (g: string, m: string) => api<{ revisions: RevisionDetail[] }>(`${base(g, m)}/revisions?limit=50`),
  revision: (g: string, m: string, id: number) => api<RevisionDetail>(`${base(g, m)}/revisions/${id}`),
  rollback: (g: string, m: string, id: number) => api<ModuleChange>(`${base(g, m)}/revisions/${id}/rollback`, { method: 'POST' }),
  botPermissions: (g: string, m: string) => api<{ required: string; missing: string[]; inviteUrl: string | null }>(`${base(g, m)}/bot-permissions`),
};
