// `ibex world show|load|reset`: the simulated world's snapshot (summarised or as JSON), merging a
// world file into it, and restoring the loaded world.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { admin, clientOptions, CliError, type ClientOptions } from '../connection.js';
import { table } from '../render.js';

/** The parts of GET /_ibex/world the summary uses (docs/world.md has the whole format). */
interface Snapshot {
  accounts: { id: string; name?: string; disabledRegions?: string[] }[];
  images: {
    imageId: string;
    accountId: string;
    region: string;
    name: string;
    state: string;
    launchPermissions?: { userIds?: string[]; userGroups?: string[]; organizationArns?: string[]; organizationalUnitArns?: string[] };
  }[];
  launchTemplates: unknown[];
  ssmParameters: unknown[];
  ecrRepositories: unknown[];
  s3Objects: unknown[];
  exportTasks: unknown[];
}

function who(i: Snapshot['images'][number]): string {
  const lp = i.launchPermissions ?? {};
  const names = [
    ...(lp.userGroups ?? []),
    ...(lp.userIds ?? []),
    ...(lp.organizationArns ?? []).map((a) => a.split('/').pop()!),
    ...(lp.organizationalUnitArns ?? []).map((a) => a.split('/').pop()!),
  ];
  return names.length ? names.join(',') : 'owner only';
}

export function formatWorld(s: Snapshot, amazon: boolean): string {
  const accounts = table(
    ['ACCOUNT', 'NAME', 'IMAGES', 'DISABLED REGIONS'],
    s.accounts.map((a) => [a.id, a.name ?? '', String(s.images.filter((i) => i.accountId === a.id).length), (a.disabledRegions ?? []).join(',')]),
  );
  const shown = s.images.filter((i) => amazon || s.accounts.find((a) => a.id === i.accountId)?.name !== 'amazon');
  const images = table(
    ['ACCOUNT', 'REGION', 'AMI', 'STATE', 'NAME', 'WHO CAN LAUNCH'],
    shown.map((i) => [i.accountId, i.region, i.imageId, i.state, i.name, who(i)]),
  );
  const counts = `launch templates: ${s.launchTemplates.length}  SSM parameters: ${s.ssmParameters.length}  ECR repositories: ${s.ecrRepositories.length}  S3 objects: ${s.s3Objects.length}  export tasks: ${s.exportTasks.length}`;
  return `${accounts}\n\n${shown.length ? images : '(no AMIs)'}\n\n${counts}`;
}

export function worldCommand(): Command {
  const world = new Command('world').description('inspect and change the simulated world');
  world.addCommand(
    clientOptions(
      new Command('show')
        .description('show accounts and AMIs (with who can launch each); --json prints the whole snapshot')
        .option('--filter-account <id>', 'only this account')
        .option('--filter-region <region>', 'only this Region')
        .option('--all', 'include Amazon-managed parent images'),
    ).action(async (o: ClientOptions & { filterAccount?: string; filterRegion?: string; all?: boolean }) => {
      const q = new URLSearchParams({
        ...(o.filterAccount ? { accountId: o.filterAccount } : {}),
        ...(o.filterRegion ? { region: o.filterRegion } : {}),
      }).toString();
      const snap = await admin<Snapshot>(o, 'GET', `/_ibex/world${q ? `?${q}` : ''}`);
      process.stdout.write(o.json ? `${JSON.stringify(snap, null, 2)}\n` : `${formatWorld(snap, Boolean(o.all || o.filterAccount))}\n`);
    }),
  );
  world.addCommand(
    clientOptions(new Command('load').description('merge a world file (YAML or JSON) into the running world').argument('<file>', 'world file')).action(
      async (file: string, o: ClientOptions) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw new CliError(`cannot read ${file}: ${(e as Error).message}`, 2);
        }
        const snap = await admin<Snapshot>(o, 'POST', '/_ibex/world', text);
        process.stdout.write(o.json ? `${JSON.stringify(snap, null, 2)}\n` : `loaded ${file}: ${snap.accounts.length} accounts, ${snap.images.length} AMIs\n`);
      },
    ),
  );
  world.addCommand(
    clientOptions(new Command('reset').description('restore the world that was loaded at start-up')).action(async (o: ClientOptions) => {
      const out = await admin<{ message: string }>(o, 'POST', '/_ibex/reset');
      process.stdout.write(o.json ? `${JSON.stringify(out)}\n` : `${out.message}\n`);
    }),
  );
  return world;
}
