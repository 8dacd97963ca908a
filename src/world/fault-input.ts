// Validation of a fault rule posted to `/_ibex/faults`: a 400 names the bad field.
import type { CloudService } from '../cloud/ports.js';
import type { FaultRule } from '../cloud/simulated/faults.js';
import { WorldFileError, type WorldIssue } from './errors.js';

const SERVICES: readonly CloudService[] = ['ec2', 'ecr', 's3', 'ssm', 'sts', 'iam', 'organizations', 'kms', 'license-manager'];
const FIELDS = ['service', 'operation', 'accountId', 'region', 'error', 'message', 'probability', 'times'];

/** Checks a fault rule's shape; throws WorldFileError listing every problem. */
export function validateFault(input: unknown): FaultRule {
  const issues: WorldIssue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ path, message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new WorldFileError(
      [{ path: '', message: 'a fault rule must be an object like {"service":"ec2","operation":"CopyImage","error":"RequestLimitExceeded"}' }],
      'request body',
    );
  }
  const r = input as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!FIELDS.includes(k)) bad(k, `unknown field '${k}' (expected one of: ${FIELDS.join(', ')})`);
  if (!SERVICES.includes(r.service as CloudService)) bad('service', `must be one of ${SERVICES.join(', ')}, got ${JSON.stringify(r.service)}`);
  if (typeof r.operation !== 'string' || !/^([a-z0-9-]+:)?([A-Za-z]+|\*)$/.test(r.operation))
    bad('operation', `must be an operation name like CopyImage (or *), got ${JSON.stringify(r.operation)}`);
  if (typeof r.error !== 'string' || !/^[A-Za-z][\w.]*$/.test(r.error))
    bad('error', `must be an AWS error code like RequestLimitExceeded, got ${JSON.stringify(r.error)}`);
  if (r.accountId !== undefined && (typeof r.accountId !== 'string' || !/^\d{12}$/.test(r.accountId)))
    bad('accountId', `must be a 12-digit account id, got ${JSON.stringify(r.accountId)}`);
  if (r.region !== undefined && (typeof r.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(r.region)))
    bad('region', `must be a Region code, got ${JSON.stringify(r.region)}`);
  if (r.message !== undefined && typeof r.message !== 'string') bad('message', 'must be a string');
  if (r.probability !== undefined && (typeof r.probability !== 'number' || !(r.probability > 0 && r.probability <= 1)))
    bad('probability', `must be a number with 0 < p ≤ 1, got ${JSON.stringify(r.probability)}`);
  if (r.times !== undefined && (typeof r.times !== 'number' || !Number.isInteger(r.times) || r.times < 1 || r.times > 1_000_000))
    bad('times', `must be a whole number from 1 to 1000000, got ${JSON.stringify(r.times)}`);
  if (r.probability !== undefined && r.times !== undefined) bad('times', 'give probability or times, not both');
  if (issues.length) throw new WorldFileError(issues, 'request body');
  return r as unknown as FaultRule;
}
