export { GuildAuthority, type ChannelFacts, type MemberFacts } from './GuildAuthority';
export { PermissionError, type PermissionErrorCode } from './PermissionError';
export { ALL_PERMISSIONS, basePermissions, channelPermissions, topRolePosition, type GuildFacts, type OverwriteLike, type RoleLike } from './computePermissions';
export { permissionNames } from './permissionNames';
