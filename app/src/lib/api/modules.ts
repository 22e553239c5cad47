import { api } from './client';
import type { RevisionDetail, RevisionSummary } from './types';

/** One module's config as the API holds it. */
export interface ModuleConfig { config: Record<string, unknown>; version: number }

const base = (g: string, m: string) => `/api/guilds/${g}/modules/${m}`;

/** Client of the module routes (docs/API.md "modules"). */
export const modulesApi = {
  getConfig: (g: string, m: string) => api<ModuleConfig>(`${base(g, m)}/config`),
  saveConfig: (g: string, m: string, config: unknown, version?: number) =>
    api<ModuleConfig>(`${base(g, m)}/config`, { method: 'PUT', body: { config, expectedVersion: version } }),
  revisions: (g: string, m: string) => api<{ revisions: RevisionSummary[] }>(`${base(g, m)}/revisions?limit=50`),
  revision: (g: string, m: string, id: number) => api<RevisionDetail>(`${base(g, m)}/revisions/${id}`),
  rollback: (g: string, m: string, id: number) => api<ModuleConfig>(`${base(g, m)}/revisions/${id}/rollback`, { method: 'POST' }),
  sendTest: (g: string, m: string) => api<{ ok: boolean; messageId?: string }>(`${base(g, m)}/test`, { method: 'POST' }),
};
