import { describe, expect, it } from 'vitest';
import { renderAnnouncement, rewardDiff, rewardPlan } from './rewardPlan';

const rewards = [{ level: 5, roleId: 'r5' }, { level: 1, roleId: 'r1' }, { level: 10, roleId: 'r10' }];

describe('reward roles for a level', () => {
  it('stack: every reward reached is kept; other roles are never touched', () => {
    const plan = rewardPlan({ roleRewards: rewards, rewardMode: 'stack' }, 7);
    expect(rewardDiff(plan, ['other', 'r1'])).toEqual({ add: ['r5'], remove: [] });
    // Taken back below a level: its reward goes.
    expect(rewardDiff(rewardPlan({ roleRewards: rewards, rewardMode: 'stack' }, 3), ['r1', 'r5', 'other'])).toEqual({ add: [], remove: ['r5'] });
  });

  it('replace: only the highest reward reached is held', () => {
    expect(rewardDiff(rewardPlan({ roleRewards: rewards, rewardMode: 'replace' }, 12), ['r1', 'r5', 'other'])).toEqual({ add: ['r10'], remove: ['r5', 'r1'] });
    expect(rewardDiff(rewardPlan({ roleRewards: rewards, rewardMode: 'replace' }, 0), ['r1'])).toEqual({ add: [], remove: ['r1'] });
  });

  it('renders the announcement template', () => {
    expect(renderAnnouncement('GG {user} ({username}): level {level}, {xp} XP', { userId: '42', username: 'Ada', level: 3, xp: 12345 })).toBe('GG <@42> (Ada): level 3, 12,345 XP');
  });
});
