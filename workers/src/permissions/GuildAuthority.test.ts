import { OverwriteType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { GuildAuthority, PermissionError } from '.';

const guildId = '100000000000000001';
const guild = {
  guildId,
  ownerId: '200000000000000001',
  roles: [
    { id: guildId, position: 0, permissions: String(P.ViewChannel | P.SendMessages) },
    { id: '300000000000000001', position: 1, permissions: String(P.KickMembers) },
    { id: '300000000000000002', position: 2, permissions: String(P.Administrator) },
  ],
};
const kicker = { userId: '400000000000000001', roles: ['300000000000000001'] };

describe('GuildAuthority: Discord permission and hierarchy rules (slash commands build it from the interaction)', () => {
  it('computes channel permissions: @everyone, then role denies and allows, then the member overwrite', () => {
    const auth = GuildAuthority.fromInteraction(guild, { user: { id: kicker.userId }, roles: kicker.roles });
    const channel = {
      name: 'mods',
      permission_overwrites: [
        { id: guildId, type: OverwriteType.Role, allow: '0', deny: String(P.SendMessages) },
        { id: '300000000000000001', type: OverwriteType.Role, allow: String(P.SendMessages), deny: String(P.KickMembers) },
        { id: kicker.userId, type: OverwriteType.Member, allow: String(P.KickMembers), deny: '0' },
      ],
    };
    expect(auth.has(P.KickMembers | P.SendMessages, channel)).toBe(true);
    expect(() => auth.require(P.BanMembers, channel)).toThrow(PermissionError);
    const hidden = { name: 'secret', permission_overwrites: [{ id: guildId, type: OverwriteType.Role, allow: '0', deny: String(P.ViewChannel) }] };
    expect(auth.permissionsIn(hidden)).toBe(0n);
  });

  it('owner and Administrator hold every permission; the hierarchy still binds the Administrator', () => {
    const admin = new GuildAuthority(guild, { userId: '400000000000000002', roles: ['300000000000000002'] });
    expect(admin.has(P.BanMembers | P.ManageGuild)).toBe(true);
    expect(admin.memberBlock({ userId: guild.ownerId, roles: [] })).toMatch(/owner/);
    expect(admin.memberBlock(kicker)).toBeNull();
    expect(admin.memberBlock({ userId: '400000000000000003', roles: ['300000000000000002'] })).toMatch(/at or above/);
    const owner = new GuildAuthority(guild, { userId: guild.ownerId, roles: [] });
    expect(owner.topPosition).toBe(Infinity);
    expect(() => owner.requireAboveRole({ position: 99 })).not.toThrow();
  });

  it('a non-member holds nothing', () => {
    const outsider = new GuildAuthority(guild, null);
    expect(() => outsider.require(P.ViewChannel)).toThrow(/View Channel/);
  });
});
