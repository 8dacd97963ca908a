// `ibex rollout`: distribute an image through ordered rings (`start -s SETTINGS -i SOURCE --rings
// FILE`, FILE a JSON list of rings as in docs/beyond.md), `show ID` ring by ring, `list`, and
// `approve|reject|resume|abort|rollback ID` (POST /_ibex/rollouts/…).
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { admin, apiError, clientFor, clientOptions, CliError, endpointOf, type ClientOptions } from '../connection.js';
import { table } from '../render.js';
import { settingsArn } from '../settings.js';
import type { RollbackPlan, Rollout } from '../../client/index.js';
import { formatRollback } from './rollback.js';

export function formatRollout(r: Rollout): string {
  const rows = r.ringStates.map((s, i) => [
    String(i + 1),
    s.name,
    i === r.current && (r.status === 'waiting-approval' || r.status === 'soaking') ? r.status : s.status,
    s.jobs.join(' '),
  ]);
  const lines = [`rollout ${r.rolloutId}  ${r.status}  ${r.imageBuildVersionArn}`, table(['#', 'RING', 'STATUS', 'JOBS'], rows)];
  if (r.reason) lines.push(r.reason);
  return lines.join('\n');
}

const print = (o: ClientOptions, r: Rollout): void => void process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatRollout(r)}\n`);

export function rolloutCommand(): Command {
  const cmd = new Command('rollout').description('distribute an image ring by ring, with soak and approval gates');
  cmd.addCommand(
    clientOptions(
      new Command('start')
        .description('start a rollout')
        .requiredOption('-s, --settings <name|arn>', 'distribution settings (name or ARN)')
        .requiredOption('-i, --source <image>', 'source image: an AMI id, ssm:<parameter> or an image ARN')
        .requiredOption('--rings <file>', 'JSON file: a list of rings {name, regions?, accounts?, organizationalUnits?, soakSeconds?, approval?}'),
    ).action(async (o: ClientOptions & { settings: string; source: string; rings: string }) => {
      let rings: unknown;
      try {
        rings = JSON.parse(readFileSync(o.rings, 'utf8'));
      } catch (e) {
        throw new CliError(`--rings ${o.rings}: ${(e as Error).message}`, 2);
      }
      let arn: string;
      try {
        arn = await settingsArn(clientFor(o), o.settings);
      } catch (e) {
        throw apiError(e, endpointOf(o));
      }
      print(o, await admin<Rollout>(o, 'POST', '/_ibex/rollouts', JSON.stringify({ distributionConfigurationArn: arn, sourceImage: o.source, rings })));
    }),
  );
  cmd.addCommand(
    clientOptions(new Command('show').description('a rollout ring by ring').argument('<id>')).action(async (id: string, o: ClientOptions) =>
      print(o, await admin<Rollout>(o, 'GET', `/_ibex/rollouts/${encodeURIComponent(id)}`)),
    ),
  );
  cmd.addCommand(
    clientOptions(new Command('list').description('every rollout')).action(async (o: ClientOptions) => {
      const { rollouts } = await admin<{ rollouts: Rollout[] }>(o, 'GET', '/_ibex/rollouts');
      process.stdout.write(
        o.json
          ? `${JSON.stringify(rollouts, null, 2)}\n`
          : `${table(
              ['ROLLOUT', 'STATUS', 'RING', 'IMAGE'],
              rollouts.map((r) => [r.rolloutId, r.status, r.ringStates[r.current]?.name ?? '-', r.imageBuildVersionArn]),
            )}\n`,
      );
    }),
  );
  const gate = {
    approve: 'open the approval gate of a rollout: its ring starts',
    reject: 'reject the approval gate of a rollout: later rings never start, the image ends FAILED with the reason',
  };
  for (const action of ['approve', 'reject'] as const) {
    cmd.addCommand(
      clientOptions(new Command(action).description(gate[action]).argument('<id>').option('--reason <text>', 'why (recorded on the ring)')).action(
        async (id: string, o: ClientOptions & { reason?: string }) =>
          print(
            o,
            await admin<Rollout>(
              o,
              'POST',
              `/_ibex/rollouts/${encodeURIComponent(id)}/${action}`,
              JSON.stringify(o.reason !== undefined ? { reason: o.reason } : {}),
            ),
          ),
      ),
    );
  }
  for (const action of ['resume', 'abort'] as const) {
    cmd.addCommand(
      clientOptions(new Command(action).description(`${action} a rollout`).argument('<id>')).action(async (id: string, o: ClientOptions) =>
        print(o, await admin<Rollout>(o, 'POST', `/_ibex/rollouts/${encodeURIComponent(id)}/${action}`)),
      ),
    );
  }
  cmd.addCommand(
    clientOptions(
      new Command('rollback')
        .description('stop the rollout and put the previous image (or --to) back everywhere, after printing the plan')
        .argument('<id>')
        .option('--to <arn>', 'image build version ARN to put back')
        .option('--dry-run', 'print the plan only (exit 1 when it refuses a change); the rollout keeps going'),
    ).action(async (id: string, o: ClientOptions & { to?: string; dryRun?: boolean }) => {
      const path = `/_ibex/rollouts/${encodeURIComponent(id)}/rollback`;
      const to = o.to ? { to: o.to } : {};
      const planned = await admin<{ rollout: Rollout; rollback: RollbackPlan }>(o, 'POST', path, JSON.stringify({ ...to, dryRun: true }));
      if (o.dryRun) {
        if (o.json) process.stdout.write(`${JSON.stringify(planned, null, 2)}\n`);
        else process.stdout.write(`${formatRollback(planned.rollback)}\n`);
        if (planned.rollback.summary.refused > 0) process.exitCode = 1;
        return;
      }
      if (!o.json) process.stdout.write(`${formatRollback(planned.rollback)}\n`);
      const out = await admin<{ rollout: Rollout; rollback: RollbackPlan }>(o, 'POST', path, JSON.stringify(to));
      if (o.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      else print(o, out.rollout);
    }),
  );
  return cmd;
}
