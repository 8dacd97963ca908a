// Simulated SSM Parameter Store. `aws:ec2:image` values must name an AMI the owning account can
// see in that Region. AWS checks this asynchronously and silently drops a bad write; ibex fails
// the call with ValidationException instead, so the failure is visible (docs/world.md). Public
// parameters (`/aws/service/…`, held by Amazon-managed accounts) are readable by every account.
// A parameter keeps its versions (at most 100, as AWS), their labels, and for SecureString the
// KMS key that encrypts it.
import { createHash } from 'node:crypto';
import { CloudError, type CloudScope, type SsmPort } from '../ports.js';
import { enter, fail, type Ctx, type Sim } from './sim.js';
import { resolveKey } from './kms.js';
import type { ParamRec, ParamType, ParamVersionRec } from './records.js';
import { canSee } from './visibility.js';

/** AWS keeps this many versions of a parameter. */
export const MAX_PARAM_VERSIONS = 100;
/** SSM's AWS-managed key, made on first use in every account and Region. */
export const DEFAULT_SSM_KEY = 'alias/aws/ssm';

/** AWS's public parameters (`/aws/service/…`) are readable by every account: ibex keeps them in the Amazon-managed accounts. */
function publicParameter(sim: Sim, region: string, name: string) {
  if (!name.startsWith('/aws/service/')) return undefined;
  for (const a of sim.state.accounts.values()) {
    if (!a.amazonManaged) continue;
    const p = sim.state.paramOf(a.accountId, region, name);
    if (p) return p;
  }
  return undefined;
}

/** Every version of a parameter, oldest first. */
export function paramVersions(p: ParamRec): ParamVersionRec[] {
  const { accountId: _a, region: _r, name: _n, tags: _t, history, ...current } = p;
  return [...(history ?? []), current];
}

/**
 * What GetParameter answers for a SecureString read without decryption: an opaque,
 * KMS-ciphertext-like base64 blob (stable per version), never the value.
 */
export function sealedValue(p: ParamRec, v: ParamVersionRec): string {
  const h = createHash('sha256')
    .update(`${p.accountId}|${p.region}|${p.name}|${v.version}|${v.keyId ?? DEFAULT_SSM_KEY}|${v.value}`)
    .digest();
  return Buffer.concat([Buffer.from('0102020078', 'hex'), h, createHash('sha256').update(h).digest()]).toString('base64');
}

/** PutParameter with everything the wire API can send. */
export interface ParamWrite {
  name: string;
  value: string;
  /** Required when creating (the engine's port call always sends String). */
  type?: ParamType;
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  dataType?: 'text' | 'aws:ec2:image';
  overwrite?: boolean;
  tags?: Record<string, string>;
}

/** The key a SecureString names must exist and be usable by the caller (`InvalidKeyId`). */
function assertKey(sim: Sim, ctx: Ctx, keyId: string): void {
  if (keyId === DEFAULT_SSM_KEY || keyId === `arn:aws:kms:${ctx.region}:${ctx.accountId}:${DEFAULT_SSM_KEY}`) return;
  try {
    resolveKey(sim, ctx, ctx.region, keyId);
  } catch (e) {
    if (e instanceof CloudError) throw fail('ssm', 'InvalidKeyId', `Invalid KeyId ${keyId}: ${e.message}`);
    throw e;
  }
}

/** `ParameterPatternMismatchException` unless the whole value matches the pattern. */
function assertPattern(pattern: string, value: string): void {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    throw fail('ssm', 'InvalidAllowedPatternException', `The allowed pattern ${pattern} is not a valid regular expression.`);
  }
  if (!re.test(value)) throw fail('ssm', 'ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`);
}

/**
 * Creates a parameter, or with `overwrite` adds a version: members the request leaves out keep
 * the previous version's (type, key, description, pattern, data type). The type may change on
 * overwrite; the data type may not. Nothing changes on error.
 */
export function writeParameter(sim: Sim, scope: CloudScope, input: ParamWrite): ParamRec {
  const ctx = enter(sim, 'ssm', 'PutParameter', scope);
  if (!/^[a-zA-Z0-9_.\-/]{1,1011}$/.test(input.name)) {
    throw fail('ssm', 'ValidationException', `Parameter name '${input.name}' is not valid: use 1-1011 letters, numbers, and _ . - /.`);
  }
  const prev = sim.state.paramOf(ctx.accountId, ctx.region, input.name);
  if (prev && !input.overwrite) {
    throw fail(
      'ssm',
      'ParameterAlreadyExists',
      `The parameter ${input.name} already exists in account ${ctx.accountId} in ${ctx.region}; set overwrite to replace it.`,
    );
  }
  const type = input.type ?? prev?.type ?? (prev ? 'String' : undefined);
  if (!type) throw fail('ssm', 'ValidationException', 'A parameter type is required when you create a parameter.');
  if (!['String', 'StringList', 'SecureString'].includes(type))
    throw fail('ssm', 'UnsupportedParameterType', `The parameter type ${type} is not supported: use String, StringList or SecureString.`);
  const dataType = input.dataType ?? prev?.dataType ?? 'text';
  if (dataType !== 'text' && dataType !== 'aws:ec2:image')
    throw fail('ssm', 'ValidationException', `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  // A parameter's data type is fixed when it is created (AWS refuses the change; its Type may change).
  if (prev && dataType !== prev.dataType) {
    throw fail(
      'ssm',
      'ValidationException',
      `The data type of parameter ${input.name} is ${prev.dataType} and can't be changed to ${dataType}: delete the parameter and create it again with the new data type.`,
    );
  }
  if (dataType === 'aws:ec2:image') {
    if (type !== 'String') throw fail('ssm', 'ValidationException', `The data type aws:ec2:image is supported for String parameters only (got ${type}).`);
    const img = /^ami-[0-9a-f]{8,17}$/.test(input.value) ? sim.state.amis.get(input.value) : undefined;
    if (!img || img.region !== ctx.region || !canSee(sim.state, ctx.accountId, img)) {
      throw fail(
        'ssm',
        'ValidationException',
        `Parameter value '${input.value}' is not a valid aws:ec2:image: ${/^ami-[0-9a-f]{8,17}$/.test(input.value) ? `no AMI with that id is visible to account ${ctx.accountId} in ${ctx.region}` : 'an AMI id looks like ami-0123456789abcdef0'}.`,
      );
    }
  }
  let keyId: string | undefined;
  if (type === 'SecureString') {
    keyId = input.keyId ?? (prev?.type === 'SecureString' ? prev.keyId : undefined) ?? DEFAULT_SSM_KEY;
    assertKey(sim, ctx, keyId);
  } else if (input.keyId !== undefined) {
    throw fail('ssm', 'ValidationException', `KeyId is required for SecureString type parameter only (this parameter's type is ${type}).`);
  }
  const allowedPattern = input.allowedPattern ?? prev?.allowedPattern;
  if (allowedPattern !== undefined && allowedPattern !== '') assertPattern(allowedPattern, input.value);
  const description = input.description ?? prev?.description;

  let history = prev ? paramVersions(prev) : [];
  if (history.length >= MAX_PARAM_VERSIONS) {
    const oldest = history[0]!;
    if (oldest.labels?.length) {
      throw fail(
        'ssm',
        'ParameterMaxVersionLimitExceeded',
        `You attempted to create a new version of ${input.name} by calling the PutParameter API with the overwrite flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
      );
    }
    history = history.slice(1);
  }
  const rec: ParamRec = {
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.name,
    value: input.value,
    dataType,
    version: (prev?.version ?? 0) + 1,
    lastModified: sim.clock.now(),
    ...(type !== 'String' ? { type } : {}),
    ...(keyId !== undefined ? { keyId } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(allowedPattern !== undefined ? { allowedPattern } : {}),
    ...(prev?.tags ? { tags: prev.tags } : input.tags && Object.keys(input.tags).length ? { tags: input.tags } : {}),
    ...(history.length ? { history } : {}),
  };
  sim.state.putParam(rec);
  return rec;
}

/** The simulated SSM port. */
export function simulatedSsm(sim: Sim): SsmPort {
  return {
    async putParameter(scope, input) {
      const rec = writeParameter(sim, scope, {
        name: input.name,
        value: input.value,
        type: input.type ?? 'String',
        ...(input.dataType !== undefined ? { dataType: input.dataType } : {}),
        ...(input.overwrite ? { overwrite: true } : {}),
      });
      return { version: rec.version };
    },

    async getParameter(scope, input) {
      const ctx = enter(sim, 'ssm', 'GetParameter', scope);
      const p = sim.state.paramOf(ctx.accountId, ctx.region, input.name) ?? publicParameter(sim, ctx.region, input.name);
      if (!p) throw fail('ssm', 'ParameterNotFound', `Parameter ${input.name} not found in account ${ctx.accountId} in ${ctx.region}.`);
      return {
        parameter: {
          name: p.name,
          type: 'String',
          value: p.value,
          version: p.version,
          dataType: p.dataType,
          lastModifiedDate: new Date(p.lastModified).toISOString(),
        },
      };
    },
  };
}
