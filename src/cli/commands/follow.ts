// `ibex follow`: which distribution settings follow which OUs (the `ibex:copyToOrganizationalUnits`
// tag), the accounts in them now, which of those the latest image has not reached yet and the
// catch-up runs so far (GET /_ibex/follow); `--sync` checks now and starts the catch-up runs
// needed (POST /_ibex/follow), as the server does every minute.
import { Command } from 'commander';
import { admin, clientFor, clientOptions, type ClientOptions } from '../connection.js';
import { table } from '../render.js';
import { settingsArn } from '../settings.js';

/** One configuration as GET /_ibex/follow returns it (see src/beyond/follow.ts). */
export interface FollowStatus {
  distributionConfigurationArn: string;
  organizationalUnits: string[];
  follow: boolean;
  members: { accountId: string; ouArn: string }[];
  imageArn?: string;
  pending: { accountId: string; ouArn: string }[];
  catchUpRuns: { accountId: string; runId: string; status: string }[];
  left: string[];
  error?: string;
}

/** One configuration as POST /_ibex/follow returns it. */
export interface FollowSync {
  distributionConfigurationArn: string;
  imageArn?: string;
  caughtUp: { accountId: string; ouArn: string; runId: string; jobs: string[] }[];
  left: string[];
  error?: string;
}

/** What the latest image means for one member account, as a short phrase. */
function memberState(s: FollowStatus, accountId: string): string {
  const run = s.catchUpRuns.filter((r) => r.accountId === accountId).at(-1);
  if (run) return `catch-up ${run.status} (run ${run.runId})`;
  if (!s.imageArn) return 'no image distributed yet';
  if (s.pending.some((p) => p.accountId === accountId))
    return s.follow ? 'catch-up pending (next sync)' : 'not reached (not following: the next distribution copies)';
  return 'reached';
}

export function formatFollow(list: FollowStatus[]): string {
  if (list.length === 0) return `No distribution settings are tagged ibex:copyToOrganizationalUnits.`;
  const parts: string[] = [];
  for (const s of list) {
    parts.push(`${s.distributionConfigurationArn}  ${s.follow ? 'following' : 'OU targets at plan time (not following)'}`);
    parts.push(`  OUs: ${s.organizationalUnits.join(', ') || '-'}`);
    parts.push(`  image: ${s.imageArn ?? '-'}`);
    if (s.error) parts.push(`  ERROR: ${s.error}`);
    else if (s.members.length === 0) parts.push('  no accounts in these OUs');
    else
      parts.push(
        table(
          ['ACCOUNT', 'OU', 'STATE'],
          s.members.map((m) => [m.accountId, m.ouArn, memberState(s, m.accountId)]),
        ).replace(/^/gm, '  '),
      );
    for (const a of s.left) parts.push(`  left: ${a} (keeps its copies; no longer targeted)`);
    parts.push('');
  }
  return parts.join('\n').trimEnd();
}

export function formatSync(list: FollowSync[]): string {
  const lines: string[] = [];
  for (const e of list) {
    for (const u of e.caughtUp) lines.push(`catch-up run ${u.runId} for account ${u.accountId} (${u.ouArn}): ${u.jobs.join(', ')}`);
    for (const a of e.left) lines.push(`${a} left the OUs of ${e.distributionConfigurationArn}: it keeps its copies`);
    if (e.error) lines.push(`${e.distributionConfigurationArn}: ${e.error}`);
  }
  return lines.length ? lines.join('\n') : 'nothing to catch up';
}

export function followCommand(): Command {
  return clientOptions(
    new Command('follow')
      .description('show which settings follow which OUs, the accounts in them and pending catch-up runs; --sync catches up now')
      .option('-s, --settings <name|arn>', 'only these distribution settings')
      .option('--sync', 'check the OUs now and start the catch-up runs needed'),
  ).action(async (o: ClientOptions & { settings?: string; sync?: boolean }) => {
    const only = o.settings ? await settingsArn(clientFor(o), o.settings) : undefined;
    const pick = <T extends { distributionConfigurationArn: string }>(l: T[]) => (only ? l.filter((x) => x.distributionConfigurationArn === only) : l);
    let synced: FollowSync[] | undefined;
    if (o.sync) synced = pick((await admin<{ configurations: FollowSync[] }>(o, 'POST', '/_ibex/follow', '{}')).configurations);
    const status = pick((await admin<{ configurations: FollowStatus[] }>(o, 'GET', '/_ibex/follow')).configurations);
    if (o.json) process.stdout.write(`${JSON.stringify({ ...(synced ? { synced } : {}), configurations: status }, null, 2)}\n`);
    else process.stdout.write(`${synced ? `${formatSync(synced)}\n\n` : ''}${formatFollow(status)}\n`);
    // The OUs of some settings could not be read: the answer is incomplete.
    if (status.some((s) => s.error)) process.exitCode = 1;
  });
}
