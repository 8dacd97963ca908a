// A lifecycle rule in words, as the policy page's rules table shows it.
import { describe, expect, it } from 'vitest';
import { ruleText } from './Lifecycle';

describe('ruleText', () => {
  it('says the action, what it includes and which images', () => {
    expect(
      ruleText({
        action: { type: 'DELETE', includeResources: { amis: true, snapshots: true } },
        filter: { type: 'AGE', value: 6, unit: 'MONTHS', retainAtLeast: 2 },
      }),
    ).toBe('DELETE (with AMIs and snapshots) images older than 6 MONTHS, keeping at least 2');
    expect(ruleText({ action: { type: 'DEPRECATE' }, filter: { type: 'COUNT', value: 3 } })).toBe('DEPRECATE all but the newest 3 images');
  });
});
