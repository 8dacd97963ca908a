// `ibex drift -i <image build version ARN>`: what drifted since the image was distributed, per
// Region and account with the cause (GET /_ibex/drift); `--repair` shows that plan, then runs only
// the jobs that restore it (POST /_ibex/drift/repair), and `--wait` follows the run to its end.
import { Command } from 'commander';
import { admin, clientOptions, type ClientOptions } from '../connection.js';
import { table } from '../render.js';

/** The drift report as /_ibex/drift returns it (see src/beyond/drift.ts). */
export interface DriftReport {
  imageBuildVersionArn: string;
  checked: number;
  drift: {
    kind: string;
    region: string;
    accountId: string;
    jobKey: string;
    resource: string;
    expected: string;
    actual: string;
    cause: string;
    repairJob: string;
  }[];
  unchecked: { jobKey: string; code: string; message: string }[];
  repair: { jobs: string[] };
  runId?: string;
  unrunnable?: string[];
}

/** The report as text: one table per Region and account, then the repair plan. */
export function formatDrift(r: DriftReport): string {
  const parts = [`Drift of ${r.imageBuildVersionArn} (${r.checked} jobs checked)`];
  const groups = new Map<string, DriftReport['drift']>();
  for (const d of r.drift) {
    const k = `${d.region} / account ${d.accountId}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  for (const [k, ds] of groups)
    parts.push(
      `\n${k}\n${table(
        ['KIND', 'RESOURCE', 'CAUSE'],
        ds.map((d) => [d.kind, d.resource, d.cause]),
      ).replace(/^/gm, '  ')}`,
    );
  for (const u of r.unchecked) parts.push(`  not checked: ${u.jobKey}: ${u.code}: ${u.message}`);
  parts.push(
    r.drift.length === 0
      ? '\nNo drift: everything is as the distribution left it.'
      : `\n${r.drift.length} drifted; repair would run ${r.repair.jobs.length} job(s): ${r.repair.jobs.join(', ')}`,
  );
  return parts.join('\n');
}

interface RunView {
  runId: string;
  status: string;
  steps: { key: string; status: string; errorCode?: string; error?: string }[];
}

/** Polls a run until it ends (bounded by `timeoutMs`). */
export async function waitRun(o: ClientOptions, runId: string, timeoutMs: number): Promise<RunView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await admin<RunView>(o, 'GET', `/_ibex/runs/${runId}`);
    if (run.status !== 'running' || Date.now() > until) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function driftCommand(): Command {
  return clientOptions(
    new Command('drift')
      .description('compare what an image delivered with what is there now, per Region and account; --repair restores it')
      .requiredOption('-i, --image <arn>', 'image build version ARN')
      .option('--repair', 'run only the jobs that restore what drifted (after printing that plan)')
      .option('--wait', 'with --repair: wait for the repair run and exit 1 when it fails')
      .option('--fail-on-drift', 'exit 1 when anything drifted (without --repair)'),
  ).action(async (o: ClientOptions & { image: string; repair?: boolean; wait?: boolean; failOnDrift?: boolean }) => {
    const q = `/_ibex/drift?imageBuildVersionArn=${encodeURIComponent(o.image)}`;
    const report = await admin<DriftReport>(o, 'GET', q);
    if (!o.repair) {
      process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDrift(report)}\n`);
      if (o.failOnDrift && report.drift.length > 0) process.exitCode = 1;
      return;
    }
    if (!o.json) process.stdout.write(`${formatDrift(report)}\n`);
    const done = await admin<DriftReport>(o, 'POST', '/_ibex/drift/repair', JSON.stringify({ imageBuildVersionArn: o.image }));
    let run: RunView | undefined;
    if (done.runId && o.wait) run = await waitRun(o, done.runId, 10 * 60_000);
    if (o.json) process.stdout.write(`${JSON.stringify({ ...done, ...(run ? { run } : {}) }, null, 2)}\n`);
    else {
      process.stdout.write(done.runId ? `repair run ${done.runId}: ${done.repair.jobs.join(', ')}\n` : 'nothing to repair\n');
      for (const u of done.unrunnable ?? []) process.stdout.write(`  cannot repair ${u}: what it builds on is gone too; repair that first\n`);
      if (run) {
        process.stdout.write(`repair ${run.status}\n`);
        for (const s of run.steps.filter((x) => x.status === 'failed')) process.stdout.write(`  ${s.key} failed: ${s.error ?? s.errorCode}\n`);
      }
    }
    if (run && run.status !== 'succeeded') process.exitCode = 1;
  });
}
