// ListImageScanFindingAggregations: severity counts of the caller's simulated findings, grouped by
// the filter's name (accountId, imageBuildVersionArn, imagePipelineArn, vulnerabilityId) among the
// findings that match it; by account when there is no filter.
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { ImageScanFinding, ImageScanFindingAggregation, SeverityCounts } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { listPage } from './build-resources.js';
import { allFindings } from './scan-findings.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

const KEYS: Record<string, (f: ImageScanFinding) => string | undefined> = {
  accountId: (f) => f.awsAccountId,
  imageBuildVersionArn: (f) => f.imageBuildVersionArn,
  imagePipelineArn: (f) => f.imagePipelineArn,
  vulnerabilityId: (f) => f.packageVulnerabilityDetails?.vulnerabilityId,
};

function counts(fs: ImageScanFinding[]): SeverityCounts {
  return {
    all: fs.length,
    critical: fs.filter((f) => f.severity === 'CRITICAL').length,
    high: fs.filter((f) => f.severity === 'HIGH').length,
    medium: fs.filter((f) => f.severity === 'MEDIUM').length,
  };
}

function wrap(type: string, key: string, severityCounts: SeverityCounts): ImageScanFindingAggregation {
  if (type === 'accountId') return { accountAggregation: { accountId: key, severityCounts } };
  if (type === 'imageBuildVersionArn') return { imageAggregation: { imageBuildVersionArn: key, severityCounts } };
  if (type === 'imagePipelineArn') return { imagePipelineAggregation: { imagePipelineArn: key, severityCounts } };
  return { vulnerabilityIdAggregation: { vulnerabilityId: key, severityCounts } };
}

export const ListImageScanFindingAggregations: Handler<'ListImageScanFindingAggregations'> = async (input, ctx) => {
  const type = input.filter?.name ?? 'accountId';
  const key = KEYS[type];
  if (!key) throw new InvalidParameterValueException(invalidParameter('filter.name', `Supported filter names: ${Object.keys(KEYS).join(', ')}.`));
  let findings = allFindings(ctx);
  if (input.filter) findings = findings.filter((f) => (input.filter!.values ?? []).includes(key(f) ?? ''));
  const groups = new Map<string, ImageScanFinding[]>();
  for (const f of findings) {
    const k = key(f);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  // With no findings at all, the account aggregation still answers with zero counts.
  if (type === 'accountId' && !input.filter && groups.size === 0) groups.set(ctx.scope.accountId, []);
  const responses = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, fs]) => wrap(type, k, counts(fs)));
  const pg = listPage(ctx, responses, { op: 'ListImageScanFindingAggregations', f: input.filter ?? null }, 25, input.nextToken);
  return { requestId: ctx.requestId, aggregationType: type, responses: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
