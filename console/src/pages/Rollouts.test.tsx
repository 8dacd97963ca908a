// The rollout form's ring rows become the admin API's rings: soak minutes as whole seconds, empty
// target lists left out (a ring without targets takes the rest).
import { describe, expect, it } from 'vitest';
import { ringSpec } from './Rollouts';

describe('ringSpec', () => {
  it('turns soak minutes into seconds and leaves empty lists and a false approval out', () => {
    expect(ringSpec({ name: ' canary ', regions: ['us-east-1'], accounts: [], soakMinutes: 1.5, approval: false })).toEqual({
      name: 'canary',
      regions: ['us-east-1'],
      soakSeconds: 90,
    });
    expect(ringSpec({ name: 'rest', organizationalUnits: ['arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-cdefgh12'], approval: true })).toEqual({
      name: 'rest',
      organizationalUnits: ['arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-cdefgh12'],
      approval: true,
    });
  });
});
