import { describe, expect, it } from 'vitest';
import { describeDetails, resolveMarkup, type GuildNames } from './guildNames';
import { permissionNames } from './permissionNames';

const n: GuildNames = {
  channels: new Map([['1191168918421635086', 'general']]),
  roles: new Map([['1191168918421635000', 'Events']]),
  members: new Map([['937497412501766144', 'Sam']]),
};

describe('names for ids', () => {
  it('renders channel, role and member markup as names', () => {
    expect(resolveMarkup('Sam posted in <#1191168918421635086>', n)).toBe('Sam posted in #general');
    expect(resolveMarkup('<@937497412501766144> got <@&1191168918421635000>', n)).toBe('@Sam got @Events');
    expect(resolveMarkup('<@!123456789012345678> in <#123456789012345678>', n)).toBe('@unknown member in #unknown channel');
  });

  it('names permission bitfields', () => {
    expect(permissionNames('8192')).toBe('Manage Messages');
    expect(permissionNames(String((1n << 10n) | (1n << 11n)))).toBe('View Channels, Send Messages');
    expect(permissionNames('0')).toBe('none');
    expect(permissionNames(String(1n << 50n))).toBe('bit 50');
  });

  it('describes audit details with names, never raw ids or bitfields', () => {
    const text = describeDetails({ overwriteId: '1191168918421635000', allow: '8192', deny: '2048', eventId: 'x' }, n);
    expect(text).toBe('overwrite: @Events · allow: Manage Messages · deny: Send Messages');
    expect(describeDetails({ roleIds: ['1191168918421635000'], userId: '937497412501766144', name: 'x' }, n)).toBe('roles: @Events · user: Sam · name: x');
  });
});
