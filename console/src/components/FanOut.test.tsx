// The fan-out picture: a node per Region and job, coloured by state, with Region state aggregated.
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { aggregate, FanOut } from './FanOut';
import type { Job } from '../progress';

const job = (key: string, status: Job['status']): Job => {
  const [kind, region, accountId = '123456789012'] = key.split(':') as [string, string, string?];
  return { key, kind, region, accountId, status };
};

describe('FanOut', () => {
  it('draws source, Regions and a node per job with its state and AMI', () => {
    const jobs = [job('ami:us-east-1:123456789012', 'COMPLETED'), job('ami:us-east-1:111122223333', 'RUNNING'), job('ami:eu-west-1:444455556666', 'FAILED')];
    const { container } = render(<FanOut source="golden" status="DISTRIBUTING" jobs={jobs} amis={{ 'us-east-1/123456789012': 'ami-0123' }} />);
    const state = (n: string) => container.querySelector(`[data-node="${n}"]`)?.getAttribute('data-state');
    expect(state('region:us-east-1')).toBe('RUNNING');
    expect(state('region:eu-west-1')).toBe('FAILED');
    expect(state('job:ami:us-east-1:111122223333')).toBe('RUNNING');
    expect(container.querySelector('[data-node="job:ami:eu-west-1:444455556666"]')?.getAttribute('fill')).toBe('#d64545');
    expect(container.textContent).toContain('COMPLETED · ami-0123');
    expect(container.querySelector('svg')?.getAttribute('aria-label')).toBe('Fan-out of golden: 2 Regions, 3 jobs, image DISTRIBUTING');
  });

  it('aggregates a Region: failed wins, then running, completed only when all are', () => {
    expect(aggregate([job('a:r', 'COMPLETED'), job('b:r', 'FAILED')])).toBe('FAILED');
    expect(aggregate([job('a:r', 'COMPLETED'), job('b:r', 'PENDING')])).toBe('RUNNING');
    expect(aggregate([job('a:r', 'COMPLETED')])).toBe('COMPLETED');
    expect(aggregate([job('a:r', 'PENDING')])).toBe('PENDING');
  });
});
