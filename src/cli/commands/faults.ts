// `ibex faults add|clear|list`: inject cloud errors into the simulated world (throttling, denied
// calls) to see retries and partial failures, and remove them again.
import { Command, InvalidArgumentError } from 'commander';
import { admin, clientOptions, type ClientOptions } from '../connection.js';
import { table } from '../render.js';
import type { Fault } from '../../client/index.js';

function num(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
  return n;
}

function format(faults: Fault[]): string {
  if (!faults.length) return 'no faults';
  return table(
    ['SERVICE', 'OPERATION', 'ERROR', 'ACCOUNT', 'REGION', 'WHEN'],
    faults.map((f) => [
      f.service,
      f.operation,
      f.error,
      f.accountId ?? '*',
      f.region ?? '*',
      f.probability !== undefined ? `${f.probability * 100}% of calls` : f.times !== undefined ? `next ${f.times} calls` : 'every call',
    ]),
  );
}

export function faultsCommand(): Command {
  const faults = new Command('faults').description('inject or clear cloud faults in the simulated world');
  faults.addCommand(
    clientOptions(
      new Command('add')
        .description('add a fault rule, e.g. --service ec2 --operation CopyImage --error RequestLimitExceeded --probability 0.3')
        .requiredOption('--service <service>', 'ec2, ecr, s3, ssm, sts, organizations, kms or license-manager')
        .requiredOption('--operation <name>', 'operation name such as CopyImage (or *)')
        .requiredOption('--error <code>', 'AWS error code such as RequestLimitExceeded')
        .option('--fault-account <id>', 'only calls in this account')
        .option('--fault-region <region>', 'only calls in this Region')
        .option('--message <text>', 'error message')
        .option('--probability <p>', 'fail this share of calls (0 < p ≤ 1)', num)
        .option('--times <n>', 'fail only the next n calls', num),
    ).action(
      async (
        o: ClientOptions & {
          service: string;
          operation: string;
          error: string;
          faultAccount?: string;
          faultRegion?: string;
          message?: string;
          probability?: number;
          times?: number;
        },
      ) => {
        const rule: Fault = {
          service: o.service,
          operation: o.operation,
          error: o.error,
          ...(o.faultAccount ? { accountId: o.faultAccount } : {}),
          ...(o.faultRegion ? { region: o.faultRegion } : {}),
          ...(o.message ? { message: o.message } : {}),
          ...(o.probability !== undefined ? { probability: o.probability } : {}),
          ...(o.times !== undefined ? { times: o.times } : {}),
        };
        const out = await admin<{ faults: Fault[] }>(o, 'POST', '/_ibex/faults', JSON.stringify(rule));
        process.stdout.write(o.json ? `${JSON.stringify(out, null, 2)}\n` : `${format(out.faults)}\n`);
      },
    ),
  );
  faults.addCommand(
    clientOptions(new Command('list').description('list the fault rules')).action(async (o: ClientOptions) => {
      const out = await admin<{ faults: Fault[] }>(o, 'GET', '/_ibex/faults');
      process.stdout.write(o.json ? `${JSON.stringify(out, null, 2)}\n` : `${format(out.faults)}\n`);
    }),
  );
  faults.addCommand(
    clientOptions(new Command('clear').description('remove every fault rule')).action(async (o: ClientOptions) => {
      const out = await admin<{ faults: Fault[] }>(o, 'DELETE', '/_ibex/faults');
      process.stdout.write(o.json ? `${JSON.stringify(out)}\n` : 'faults cleared\n');
    }),
  );
  return faults;
}
