// `ibex rollback --to <image build version ARN>`: the plan of putting that earlier image back in
// every SSM parameter and launch-template default version its distribution wrote (each change,
// or why it is refused), then one durable run of the allowed changes (POST /_ibex/rollback).
import { Command } from 'commander';
import { admin, clientOptions, type ClientOptions } from '../connection.js';
import { table } from '../render.js';
import { waitRun } from './drift.js';
import type { RollbackPlan } from '../../client/index.js';

export function formatRollback(p: RollbackPlan): string {
  const rows = p.changes.map((c) => [c.region, c.accountId, c.kind, c.resource, c.from, c.to, c.outcome === 'refused' ? `REFUSED: ${c.reason}` : c.outcome]);
  return [
    `Rollback to ${p.to}`,
    table(['REGION', 'ACCOUNT', 'KIND', 'RESOURCE', 'NOW', 'BACK TO', 'OUTCOME'], rows),
    `${p.summary.change} to change, ${p.summary.unchanged} unchanged, ${p.summary.refused} refused`,
  ].join('\n');
}

export function rollbackCommand(): Command {
  return clientOptions(
    new Command('rollback')
      .description("re-point every SSM parameter and launch-template default the settings manage back to an earlier image's AMIs")
      .requiredOption('--to <arn>', 'the earlier image build version ARN')
      .option('--dry-run', 'print the plan only')
      .option('--wait', 'wait for the rollback run and exit 1 when it fails'),
  ).action(async (o: ClientOptions & { to: string; dryRun?: boolean; wait?: boolean }) => {
    const plan = await admin<RollbackPlan>(o, 'POST', '/_ibex/rollback', JSON.stringify({ to: o.to, dryRun: true }));
    if (!o.json) process.stdout.write(`${formatRollback(plan)}\n`);
    if (o.dryRun) {
      if (o.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
      // A refusal is a refusal in a dry run too: scripts can check the plan before running it.
      if (plan.summary.refused > 0) process.exitCode = 1;
      return;
    }
    const done = await admin<RollbackPlan>(o, 'POST', '/_ibex/rollback', JSON.stringify({ to: o.to }));
    const run = done.runId && o.wait ? await waitRun(o, done.runId, 10 * 60_000) : undefined;
    if (o.json) process.stdout.write(`${JSON.stringify({ ...done, ...(run ? { run } : {}) }, null, 2)}\n`);
    else {
      process.stdout.write(done.runId ? `rollback run ${done.runId}: ${done.summary.change} change(s)\n` : 'nothing to change\n');
      if (run) process.stdout.write(`rollback ${run.status}\n`);
    }
    if (done.summary.refused > 0 || (run && run.status !== 'succeeded')) process.exitCode = 1;
  });
}
