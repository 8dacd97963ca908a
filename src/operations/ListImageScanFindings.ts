// ListImageScanFindings: the caller's (simulated, deterministic) findings, optionally filtered by
// one of imageBuildVersionArn, imagePipelineArn, vulnerabilityId or severity.
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { ImageScanFinding } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { listPage } from './build-resources.js';
import { allFindings } from './scan-findings.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

const FIELDS: Record<string, (f: ImageScanFinding) => string | undefined> = {
  imageBuildVersionArn: (f) => f.imageBuildVersionArn,
  imagePipelineArn: (f) => f.imagePipelineArn,
  vulnerabilityId: (f) => f.packageVulnerabilityDetails?.vulnerabilityId,
  severity: (f) => f.severity,
};

export const ListImageScanFindings: Handler<'ListImageScanFindings'> = async (input, ctx) => {
  let findings = allFindings(ctx);
  for (const [i, f] of (input.filters ?? []).entries()) {
    const field = f.name ? FIELDS[f.name] : undefined;
    if (!field) throw new InvalidParameterValueException(invalidParameter(`filters[${i}].name`, `Supported filter names: ${Object.keys(FIELDS).join(', ')}.`));
    const values = f.values ?? [];
    findings = findings.filter((x) => values.includes(field(x) ?? ''));
  }
  const pg = listPage(ctx, findings, { op: 'ListImageScanFindings', f: input.filters ?? null }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, findings: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
