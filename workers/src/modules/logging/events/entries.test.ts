import { AuditLogEvent } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { loggingConfigSchema } from '../config';
import { loggingModule } from '../definition';
import { LOGGING_LIMITS } from '../limits';
import { auditEntry } from './auditEntries';
import { accountAge, memberJoinEntry } from './memberEntries';
import { voiceEntry } from './voiceEntry';

const G = '100000000000000001';
const U = '200000000000000002';
const A = '300000000000000003';
const B = '300000000000000004';

describe('log entries', () => {
  it('voice: join, move, leave from successive states of one member', () => {
    const at = (channel_id: string | null) => voiceEntry('e', { guild_id: G, user_id: U, channel_id } as never);
    expect(at(A)?.embed).toMatchObject({ title: 'Joined voice', description: `<@${U}> joined <#${A}>` });
    expect(at(A)).toBeNull();
    expect(at(B)?.embed).toMatchObject({ title: 'Moved voice channel', description: `<@${U}>: <#${A}> → <#${B}>` });
    expect(at(null)?.embed).toMatchObject({ title: 'Left voice', description: `<@${U}> left <#${B}>` });
  });

  it('a join shows the account age and flags accounts under a week old', () => {
    const now = Date.UTC(2026, 0, 10);
    // A snowflake made 2 days before `now`.
    const fresh = String((BigInt(now - 2 * 86_400_000) - 1_420_070_400_000n) << 22n);
    const e = memberJoinEntry('e', { guild_id: G, user: { id: fresh, username: 'newbie' }, roles: [] } as never, now)!;
    expect(e.embed.fields![0]!.value).toContain('2 days ⚠️ new account');
    expect(e.embed.description).toBe(`**newbie** (<@${fresh}>)`);
    expect(accountAge(new Date(now - 800 * 86_400_000), now)).toBe('2 years');
  });

  it('audit entries: role changes, timeouts and invites with the moderator', () => {
    const roles = auditEntry('e', { guild_id: G, id: '1', action_type: AuditLogEvent.MemberRoleUpdate, target_id: U, user_id: A, changes: [{ key: '$add', new_value: [{ id: B, name: 'Helpers' }] }] } as never)!;
    expect(roles).toMatchObject({ kind: 'memberUpdate', embed: { description: `<@${U}> by <@${A}>\n➕ roles <@&${B}>` } });
    const timeout = auditEntry('e', { guild_id: G, id: '2', action_type: AuditLogEvent.MemberUpdate, target_id: U, user_id: A, reason: 'calm down', changes: [{ key: 'communication_disabled_until', new_value: '2026-01-01T00:00:00.000Z' }] } as never)!;
    expect(timeout.embed.description).toContain('timed out until <t:1767225600:f>');
    expect(timeout.embed.fields).toEqual([{ name: 'Reason', value: 'calm down' }]);
    const invite = auditEntry('e', { guild_id: G, id: '3', action_type: AuditLogEvent.InviteCreate, target_id: null, user_id: A, changes: [{ key: 'code', new_value: 'abc' }, { key: 'channel_id', new_value: B }] } as never)!;
    expect(invite).toMatchObject({ kind: 'invites', embed: { title: 'Invite created', description: `\`abc\` to <#${B}> by <@${A}>` } });
    expect(auditEntry('e', { guild_id: G, id: '4', action_type: AuditLogEvent.MessagePin } as never)).toBeNull();
  });

  it('counts distinct log channels against the plan: Free 1, Premium unlimited', () => {
    const shared = loggingConfigSchema.parse({ routes: { messageEdit: A, messageDelete: A, roles: A } });
    const two = loggingConfigSchema.parse({ routes: { messageEdit: A, roles: B } });
    expect(loggingModule.usage!(shared)).toEqual({ logChannels: 1 });
    expect(loggingModule.usage!(two)).toEqual({ logChannels: 2 });
    expect([LOGGING_LIMITS.free.logChannels, LOGGING_LIMITS.premium.logChannels]).toEqual([1, -1]);
  });
});
