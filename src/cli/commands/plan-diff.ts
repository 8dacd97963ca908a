// `ibex plan --diff FILE`: what a proposed UpdateDistributionConfiguration (FILE: its JSON body,
// as for `aws imagebuilder update-distribution-configuration --cli-input-json`) would change —
// targets gained and lost per Region and account (POST /_ibex/plan). Changes nothing.
import { readFileSync } from 'node:fs';
import { admin, apiError, clientFor, CliError, endpointOf, type ClientOptions } from '../connection.js';
import { table } from '../render.js';
import { settingsArn } from '../settings.js';

/** The diff as /_ibex/plan returns it (see src/beyond/diff.ts). */
export interface DiffReport {
  distributionConfigurationArn: string;
  changes: { change: 'gain' | 'lose'; kind: string; region: string; accountId: string; title: string; origin?: string }[];
  unchanged: number;
  summary: { gained: number; lost: number };
}

/** Reads FILE, fills in the settings' ARN from --settings when given, and asks ibex for the diff. */
export async function fetchDiff(o: ClientOptions, file: string, settings: string | undefined): Promise<DiffReport> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new CliError(`--diff ${file}: ${(e as Error).message}`, 2);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new CliError(`--diff ${file}: the file must hold a JSON object (an UpdateDistributionConfiguration body)`, 2);
  if (settings !== undefined) {
    try {
      body.distributionConfigurationArn = await settingsArn(clientFor(o), settings);
    } catch (e) {
      throw apiError(e, endpointOf(o));
    }
  }
  if (typeof body.distributionConfigurationArn !== 'string')
    throw new CliError(`--diff ${file}: give --settings or distributionConfigurationArn in the file`, 2);
  if (!Array.isArray(body.distributions)) throw new CliError(`--diff ${file}: the file has no distributions list`, 2);
  return admin<DiffReport>(o, 'POST', '/_ibex/plan', JSON.stringify(body));
}

/** The diff as text: one table of gained and lost targets per Region and account. */
export function formatDiff(r: DiffReport): string {
  const parts = [`Diff: ${r.distributionConfigurationArn}`];
  if (r.changes.length === 0) parts.push('\nNo Region or account gains or loses anything.');
  const groups = new Map<string, DiffReport['changes']>();
  for (const c of r.changes) {
    const k = `${c.region} / account ${c.accountId}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  for (const [k, cs] of groups) {
    const rows = cs.map((c) => [c.change === 'gain' ? '+ gains' : '- loses', c.kind, c.title]);
    parts.push(`\n${k}\n${table(['CHANGE', 'KIND', 'WHAT'], rows).replace(/^/gm, '  ')}`);
  }
  parts.push(`\n${r.summary.gained} gained, ${r.summary.lost} lost, ${r.unchanged} unchanged`);
  return parts.join('\n');
}
