// Text output of the CLI: aligned tables, progress frames for a terminal (bars per Region and
// account) and change lines for pipes and logs.
import type { JobProgress, Progress } from './progress.js';

/** Left-aligned columns separated by two spaces. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

/** Jobs grouped by "region account", in a stable order. */
export function groupJobs(jobs: JobProgress[]): Map<string, JobProgress[]> {
  const groups = new Map<string, JobProgress[]>();
  for (const j of [...jobs].sort((a, b) => a.region.localeCompare(b.region) || a.accountId.localeCompare(b.accountId) || a.key.localeCompare(b.key))) {
    const k = `${j.region}  ${j.accountId}`;
    groups.set(k, [...(groups.get(k) ?? []), j]);
  }
  return groups;
}

const DONE = new Set(['COMPLETED', 'FAILED', 'SKIPPED', 'CANCELLED']);

/** A terminal frame: one bar per Region and account, then the failures. */
export function progressFrame(p: Progress, width = 24): string {
  const lines = [`${p.arn}  ${p.status}`];
  for (const [group, jobs] of groupJobs(p.jobs)) {
    const done = jobs.filter((j) => DONE.has(j.status)).length;
    const failed = jobs.some((j) => j.status === 'FAILED');
    const filled = jobs.length ? Math.round((done / jobs.length) * width) : 0;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const state = failed ? 'FAILED' : done === jobs.length ? 'COMPLETED' : jobs.some((j) => j.status === 'RUNNING') ? 'RUNNING' : 'PENDING';
    lines.push(`  ${group}  ${bar} ${done}/${jobs.length} ${state}  ${jobs.map((j) => j.kind).join(',')}`);
  }
  return lines.join('\n');
}

/** A plain line for a job whose status changed. */
export function jobLine(j: JobProgress): string {
  return `${j.region} ${j.accountId} ${j.kind} ${j.status}${j.message ? `: ${plain(j.message)}` : ''}`;
}

/** The closing summary: the AMIs made, or the reason it failed. */
export function summary(p: Progress): string {
  if (p.status === 'AVAILABLE') {
    const rows = p.amis.map((a) => [a.region, a.accountId, a.image]);
    return `AVAILABLE ${p.arn}\n${table(['REGION', 'ACCOUNT', 'AMI'], rows)}`;
  }
  // AWS's reason for a failed distribution repeats every failed job's error: show the jobs (one
  // line each, in plain words) and the reason only when no job says why (a build failure, say).
  const failed = p.jobs.filter((j) => j.status === 'FAILED').map((j) => `  ${j.region} ${j.accountId} ${j.kind}: ${plain(j.message ?? '')}`);
  const reason = failed.length ? '' : p.reason ? `reason: ${plain(p.reason)}\n` : '';
  return `${p.status} ${p.arn}\n${reason}${failed.join('\n')}`.trimEnd();
}

/** An error message without the wrapping AWS puts around it (`EC2 Client Error: '…'`). */
export function plain(message: string): string {
  const m = /^[A-Za-z0-9 ]+ Client Error: '([^]*)'$/.exec(message);
  return m ? m[1]! : message;
}
