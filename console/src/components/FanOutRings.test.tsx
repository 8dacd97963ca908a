// The fan-out picture with a rollout's rings (each job names its ring, in the picture and the
// per-Region list) and with a custom workflow's steps (no Region: grouped as "workflow steps").
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { FanOut } from './FanOut';
import type { Job } from '../progress';

const job = (key: string, status: Job['status']): Job => {
  const [kind, region = '-', accountId = '123456789012'] = key.split(':') as [string, string?, string?];
  return { key, kind, region, accountId, status };
};

describe('FanOut with rings and workflow steps', () => {
  it('names each job’s ring on its node and in the list', () => {
    const jobs = [job('ami:us-east-1:123456789012', 'COMPLETED'), job('ami:us-west-2:111122223333', 'PENDING')];
    const { container } = render(
      <FanOut
        source="golden"
        status="DISTRIBUTING"
        jobs={jobs}
        amis={{}}
        ringOf={{ 'ami:us-east-1:123456789012': 'canary', 'ami:us-west-2:111122223333': 'rest' }}
      />,
    );
    expect(container.querySelector('[data-node="job:ami:us-east-1:123456789012"]')?.getAttribute('data-ring')).toBe('canary');
    expect(container.querySelector('[data-node="job:ami:us-west-2:111122223333"]')?.getAttribute('data-ring')).toBe('rest');
    expect(container.querySelector('[data-list-job="ami:us-west-2:111122223333"] .ring-tag')?.textContent).toBe('ring rest');
    expect(container.textContent).toContain('COMPLETED · ring canary');
  });

  it('groups steps without a Region as workflow steps, and draws no ring without a rollout', () => {
    const { container } = render(<FanOut source="gated" status="DISTRIBUTING" jobs={[job('WaitForApproval', 'PENDING')]} amis={{}} />);
    expect(container.querySelector('[data-list-region="-"] strong')?.textContent).toBe('workflow steps');
    expect(container.querySelector('[data-ring]')).toBeNull();
  });
});
