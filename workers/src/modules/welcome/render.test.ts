import { describe, expect, it } from 'vitest';
import { welcomeConfigSchema } from './config';
import { welcomeModule } from './definition';
import { buildWelcomeMessage, renderTemplate } from './render';
import { checkConfigure } from '../../platform/manager/checks';
import { ModuleRegistry } from '../../platform/registry';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';

const vars = { user: { id: '123456789012345678', username: 'alice', global_name: 'Alice', avatar: null }, server: 'Demo', memberCount: 42 };

describe('welcome rendering', () => {
  it('fills every variable', () => {
    expect(renderTemplate('Hi {user} ({user.name}) in {server}, #{memberCount}! {unknown}', vars)).toBe(
      'Hi <@123456789012345678> (Alice) in Demo, #42! {unknown}',
    );
  });

  it('falls back to the username when there is no display name', () => {
    expect(renderTemplate('{user.name}', { ...vars, user: { ...vars.user, global_name: null } })).toBe('alice');
  });

  it('builds text on free and an embed on premium, pinging only the member', () => {
    const config = welcomeConfigSchema.parse({ messageType: 'embed', embed: { title: 'Hello {user.name}', color: '#ff0000' } });
    const free = buildWelcomeMessage(config, 'free', vars);
    expect(free.embeds).toBeUndefined();
    expect(free.content).toContain('<@123456789012345678>');
    const premium = buildWelcomeMessage(config, 'premium', vars);
    expect(premium.embeds?.[0]).toMatchObject({ title: 'Hello Alice', color: 0xff0000, footer: { text: 'Member #42' } });
    expect(premium.embeds?.[0]?.thumbnail?.url).toMatch(/^https:\/\/cdn\.discordapp\.com\/embed\/avatars\/\d\.png$/);
    expect(premium.allowed_mentions).toEqual({ parse: [], users: ['123456789012345678'] });
  });

  it('has defaults and rejects bad ids and colours', () => {
    expect(welcomeConfigSchema.parse({})).toMatchObject({ channelId: null, messageType: 'text', autoroles: [], dm: { enabled: false } });
    expect(welcomeConfigSchema.safeParse({ channelId: 'general' }).success).toBe(false);
    expect(welcomeConfigSchema.safeParse({ embed: { color: 'red' } }).success).toBe(false);
  });

  it('limits embeds and autoroles per plan', () => {
    const reg = new ModuleRegistry([welcomeModule as ModuleDefinition]);
    const s = (plan: 'free' | 'premium' | 'max') => ({ guildId: '1', plan, guild: null, modules: {} });
    const roles = ['111111111111111111', '222222222222222222'];
    expect(() => checkConfigure(reg, s('free'), 'welcome', { messageType: 'embed' })).toThrow(/embeds: 1 used, 0 allowed/);
    expect(() => checkConfigure(reg, s('free'), 'welcome', { autoroles: roles })).toThrow(/autoroles: 2 used, 1 allowed/);
    expect(checkConfigure(reg, s('premium'), 'welcome', { messageType: 'embed', autoroles: roles }).enabled).toBe(false);
  });
});
