// `ibex plan`: the preflight of distributing a source with settings — a table per Region and
// account of each job's action, predicted outcome and cause (POST /_ibex/plan). Changes nothing.
import { Command } from 'commander';
import { admin, apiError, clientFor, clientOptions, endpointOf, type ClientOptions } from '../connection.js';
import { settingsArn } from '../settings.js';
import { table } from '../render.js';
import { fetchDiff, formatDiff } from './plan-diff.js';
import { CliError } from '../cli-error.js';

/** The preflight report as /_ibex/plan returns it (see src/engine/preflight.ts). */
export interface PlanReport {
  imageName: string;
  sourceImageId: string;
  jobs: {
    key: string;
    kind: string;
    region: string;
    accountId: string;
    title: string;
    outcome: 'ok' | 'fail';
    cause?: { code: string; message: string };
    warnings: string[];
    steps: string[];
  }[];
  summary: { jobs: number; ok: number; fail: number; warnings: number };
}

export async function fetchPlan(o: ClientOptions, settings: string, source: string): Promise<PlanReport> {
  const client = clientFor(o);
  let arn: string;
  try {
    arn = await settingsArn(client, settings);
  } catch (e) {
    throw apiError(e, endpointOf(o));
  }
  return admin<PlanReport>(o, 'POST', '/_ibex/plan', JSON.stringify({ distributionConfigurationArn: arn, sourceImage: source }));
}

/** The report as text: one table per Region and account. */
export function formatPlan(r: PlanReport): string {
  const groups = new Map<string, PlanReport['jobs']>();
  for (const j of [...r.jobs].sort((a, b) => a.region.localeCompare(b.region) || a.accountId.localeCompare(b.accountId))) {
    const k = `${j.region} / account ${j.accountId}`;
    groups.set(k, [...(groups.get(k) ?? []), j]);
  }
  const parts = [`Plan: distribute ${r.sourceImageId} as image '${r.imageName}'`];
  for (const [k, jobs] of groups) {
    const rows = jobs.map((j) => [j.title, j.outcome === 'ok' ? 'ok' : 'FAIL', j.cause ? `${j.cause.code}: ${j.cause.message}` : '-']);
    const warnings = jobs.flatMap((j) => j.warnings.map((w) => `  warning: ${w}`));
    parts.push(`\n${k}\n${table(['ACTION', 'OUTCOME', 'CAUSE'], rows).replace(/^/gm, '  ')}${warnings.length ? `\n${warnings.join('\n')}` : ''}`);
  }
  const s = r.summary;
  parts.push(`\n${s.jobs} jobs: ${s.ok} ok, ${s.fail} would fail, ${s.warnings} warnings`);
  return parts.join('\n');
}

export function planCommand(): Command {
  return clientOptions(
    new Command('plan')
      .description('predict what distributing a source image with these settings would do, per Region and account (changes nothing)')
      .option('-s, --settings <name|arn>', 'distribution settings (name or ARN)')
      .option('-i, --source <image>', 'source image: an AMI id, ssm:<parameter> or an image ARN')
      .option('--diff <file>', 'instead: what a proposed UpdateDistributionConfiguration body (JSON file) would gain and lose')
      .option('--fail-on-error', 'exit 1 when any job is predicted to fail'),
  ).action(async (o: ClientOptions & { settings?: string; source?: string; diff?: string; failOnError?: boolean }) => {
    if (o.diff !== undefined) {
      const diff = await fetchDiff(o, o.diff, o.settings);
      process.stdout.write(o.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatDiff(diff)}\n`);
      return;
    }
    if (o.settings === undefined) throw new CliError("required option '-s, --settings <name|arn>' not specified", 2);
    if (o.source === undefined) throw new CliError("required option '-i, --source <image>' not specified", 2);
    const report = await fetchPlan(o, o.settings, o.source);
    process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatPlan(report)}\n`);
    if (o.failOnError && report.summary.fail > 0) process.exitCode = 1;
  });
}
