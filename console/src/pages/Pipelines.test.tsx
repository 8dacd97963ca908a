// Next run times of pipeline schedules read as AWS (and ibex's scheduler) read them: weekdays
// 1-7 = SUN-SAT, a year field, time zones with DST, rates counted from their anchor.
import { describe, expect, it } from 'vitest';
import { nextRuns, upcomingRuns, zoned } from './Pipelines';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe('pipeline schedules', () => {
  it('reads a cron in its time zone, across a DST change', () => {
    // 03:00 in Berlin is 01:00 UTC in summer and 02:00 UTC in winter (the change is on 26 Oct 2025).
    expect(iso(nextRuns('cron(0 3 * * ? *)', 'Europe/Berlin', 3, new Date('2025-10-24T12:00:00Z')))).toEqual([
      '2025-10-25T01:00:00.000Z',
      '2025-10-26T02:00:00.000Z',
      '2025-10-27T02:00:00.000Z',
    ]);
  });

  it('numbers weekdays 1-7 from Sunday and honours the year field', () => {
    // 2 = Monday; 2 June 2025 is a Monday.
    expect(iso(nextRuns('cron(30 6 ? * 2 *)', 'UTC', 2, new Date('2025-06-01T00:00:00Z')))).toEqual(['2025-06-02T06:30:00.000Z', '2025-06-09T06:30:00.000Z']);
    expect(iso(nextRuns('cron(0 0 1 JAN ? 2027)', 'UTC', 2, new Date('2025-06-01T00:00:00Z')))).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(nextRuns('not an expression', 'UTC')).toEqual([]);
  });

  it('counts a rate from its anchor', () => {
    const anchor = new Date('2025-06-02T00:00:00Z');
    expect(iso(nextRuns('rate(6 hours)', 'UTC', 2, new Date('2025-06-02T07:00:00Z'), anchor))).toEqual([
      '2025-06-02T12:00:00.000Z',
      '2025-06-02T18:00:00.000Z',
    ]);
  });

  it("starts from the server's dateNextRun and shows nothing for a disabled pipeline", () => {
    const p = { status: 'ENABLED' as const, dateNextRun: '2025-06-02T03:00:00.000Z', schedule: { scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC' } };
    expect(iso(upcomingRuns(p, 3))).toEqual(['2025-06-02T03:00:00.000Z', '2025-06-03T03:00:00.000Z', '2025-06-04T03:00:00.000Z']);
    expect(upcomingRuns({ ...p, status: 'DISABLED' })).toEqual([]);
    expect(zoned(new Date('2025-06-02T03:00:00Z'), 'Europe/Berlin')).toBe('2025-06-02 05:00');
  });
});
