import { describe, expect, it } from 'vitest';
import { partIndex } from './moduleParts';

const part = (name: string) => () => Promise.resolve({ default: name as never });

describe('module parts', () => {
  // What `import.meta.glob` hands over: one key per file found under app/src/lib/modules/<id>/.
  const parts = partIndex({
    './stats/ResultsView.svelte': part('stats results'),
    './stats/MemberCard.svelte': part('stats member'),
    './welcome/SettingsPanel.svelte': part('welcome settings'),
    './polls/ResultsView.svelte': part('polls results'),
    './polls/helpers/Other.svelte': part('not a part'),
  });

  it('finds each module’s parts by file name, with no list of module ids', async () => {
    expect(parts.modulesWith('results')).toEqual(['polls', 'stats']);
    expect(parts.modulesWith('member')).toEqual(['stats']);
    expect(parts.modulesWith('overview')).toEqual([]);
    expect((await parts.get('polls', 'results')!()) as unknown).toBe('polls results');
    expect((await parts.get('welcome', 'settings')!()) as unknown).toBe('welcome settings');
  });

  it('has nothing for a module without that part', () => {
    expect(parts.get('welcome', 'results')).toBeUndefined();
    expect(parts.get('nope', 'settings')).toBeUndefined();
  });
});
