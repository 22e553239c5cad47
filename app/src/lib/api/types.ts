/** Shapes of the dashboard API (docs/API.md). */
export type Level = 'view' | 'edit' | 'manage' | 'admin' | 'owner';

export interface Me { id: string; username: string; globalName: string | null; avatar: string | null; isInstanceOwner: boolean }
export interface GuildSummary { id: string; name: string; icon: string | null; owner: boolean; botPresent: boolean; access: Level | null; inviteUrl: string | null }
export interface GuildOverview { id: string; name: string; icon: string | null; ownerId: string; memberCount: number; plan: 'free' | 'premium' | 'max'; channelCount: number; roleCount: number; access: Level }
export interface ModuleEntry {
  id: string; name: string; description: string; icon: string; category: string;
  enabled: boolean; alwaysOn: boolean; available: boolean; plans: string[]; dependencies: string[];
  config: Record<string, unknown>; version: number; updatedAt: string | null;
  /** Limits of the guild's plan with what the current config uses (`limit` -1 = unlimited). */
  limits: Record<string, { limit: number; used: number }>;
}
/** What a module write answers (enable, disable, configure, rollback). */
export interface ModuleChange { moduleId: string; action: string; state: { enabled: boolean; config: Record<string, unknown>; version: number; updatedAt: string | null }; revisionId: number | null }
export interface Member { id: string; username: string; globalName: string | null; nick: string | null; avatar: string | null; bot: boolean; roles: string[]; joinedAt: string; timeoutUntil: string | null }
export interface Channel { id: string; name: string; type: number; position: number; parentId: string | null; topic: string | null; nsfw: boolean; rateLimitPerUser: number; permissionOverwrites: { id: string; type: number; allow: string; deny: string }[]; /** From the channel list: false when the bot lacks View Channel there. */ botCanView?: boolean }
export interface Role { id: string; name: string; color: number; hoist: boolean; mentionable: boolean; managed: boolean; permissions: string; position: number; memberCount?: number }
export interface AuditEntry { id: number; actorId: string | null; action: string; targetType: string | null; targetId: string | null; details: unknown; createdAt: string }
export interface RevisionSummary { id: number; actorId: string | null; reason: string | null; createdAt: string }
export interface RevisionDetail extends RevisionSummary { before: unknown; after: unknown; diff: { path: string; before: unknown; after: unknown }[] }

/** CDN URL of a guild icon or user avatar, or undefined when it has none. */
export function cdn(kind: 'icons' | 'avatars', id: string, hash: string | null, size = 64): string | undefined {
  return hash ? `https://cdn.discordapp.com/${kind}/${id}/${hash}.${hash.startsWith('a_') ? 'gif' : 'webp'}?size=${size}` : undefined;
}

/** Initials shown when a guild has no icon (as Discord does). */
export const initials = (name: string) => name.split(/\s+/).map((w) => w[0]).join('').slice(0, 3);

/** A dashboard access grant (GET /guilds/:id/access). */
export interface Grant { userId: string; level: 'view' | 'edit' | 'manage'; grantedBy: string | null; createdAt: string }
/** The plan with each module's availability, limits and usage (GET /guilds/:id/plan). */
export interface PlanInfo { plan: 'free' | 'premium' | 'max'; modules: { id: string; available: boolean; limits: Record<string, { limit: number; used: number }> }[] }
/** One free-tier quota of the instance meter (GET /api/usage). */
export interface UsageQuota { id: string; label: string; used: number; limit: number; unit: string; headroom: number; share: number; note: string }
/** The instance's use of the free tiers today (GET /api/usage, instance owners). */
export interface InstanceUsage { day: string; metered: boolean; quotas: UsageQuota[] }
/** A gateway event set aside after failing (GET /guilds/:id/dead-letters); its payload is never sent. */
export interface DeadLetter { id: number; eventId: string; type: string; stage: 'store' | 'process'; error: string; createdAt: string; retriedAt: string | null }
