// Validation of a world document: shapes, AWS id formats, and cross-references (Regions exist,
// accounts are declared, names and ids are unique, org/OU ARNs and KMS keys exist). Every issue
// carries its field path and, via `locate`, its line.
import { parseKmsArn } from '../cloud/simulated/arns.js';
import { WorldFileError, type WorldIssue } from './errors.js';
import { COMMERCIAL_REGIONS, type WorldSpec } from './spec.js';
import { MAX_TIMING_MS, TIMING_KEYS } from '../cloud/simulated/timings.js';

export type Path = (string | number)[];
/** Finds the line of a field path in the source text. */
export type Locate = (path: Path) => number | undefined;

/** What already exists, when validating a merge into a running world. */
export interface ValidationContext {
  regions: ReadonlySet<string>;
  accountIds: ReadonlySet<string>;
  disabledRegions(accountId: string): readonly string[];
  imageOwner(imageId: string): { accountId: string; region: string } | undefined;
  imageIdByName(accountId: string, region: string, name: string): string | undefined;
  orgArns: ReadonlySet<string>;
  ouArns: ReadonlySet<string>;
  /** Org id an account already belongs to. */
  orgOfAccount(accountId: string): string | undefined;
  bucketOwner(name: string): string | undefined;
  launchTemplateOwner(id: string): string | undefined;
  keyExists(accountId: string, region: string, keyId: string): boolean;
}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
const AMI = /^ami-[0-9a-f]{8,17}$/;
const LT = /^lt-[a-z0-9]{17}$/;
const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const AMI_NAME = /^[a-zA-Z0-9()[\]./\-'@_ ]{3,128}$/;
const ROLE = /^[\w+=,.@-]{1,64}$/;
const ECR_REPO = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LICENSE = /^arn:aws[a-z-]*:license-manager:([a-z0-9-]+):(\d{12}):license-configuration:lic-[0-9a-f]{32}$/;
const SSM_NAME = /^[a-zA-Z0-9_.\-/]{1,1011}$/;

const fmt = (path: Path): string => path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');

type Obj = Record<string, unknown>;

/** Collects issues while walking the document. */
class Checker {
  issues: WorldIssue[] = [];
  constructor(private readonly locate: Locate) {}

  err(path: Path, message: string): void {
    const line = this.locate(path);
    this.issues.push({ path: fmt(path), ...(line !== undefined ? { line } : {}), message });
  }

  /** An object with only the allowed keys; `required` keys must be present. */
  obj(v: unknown, path: Path, allowed: readonly string[], required: readonly string[] = []): v is Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.err(path, `must be an object (got ${Array.isArray(v) ? 'a list' : JSON.stringify(v)})`);
      return false;
    }
    for (const k of Object.keys(v)) if (!allowed.includes(k)) this.err([...path, k], `unknown field '${k}' (expected one of: ${allowed.join(', ')})`);
    for (const k of required) if ((v as Obj)[k] === undefined) this.err(path, `missing required field '${k}'`);
    return true;
  }

  list(v: unknown, path: Path): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.err(path, `must be a list (got ${JSON.stringify(v)})`);
      return [];
    }
    return v;
  }

  str(v: unknown, path: Path, re?: RegExp, what?: string): v is string {
    if (v === undefined) return false;
    if (typeof v !== 'string') {
      this.err(
        path,
        `must be a string${what ? ` (${what})` : ''}, got ${JSON.stringify(v)}${typeof v === 'number' ? ' — quote account ids so YAML keeps them as strings' : ''}`,
      );
      return false;
    }
    if (re && !re.test(v)) {
      this.err(path, `${JSON.stringify(v)} is not ${what ?? `valid (must match ${re.source})`}`);
      return false;
    }
    return true;
  }

  strs(v: unknown, path: Path, re?: RegExp, what?: string): string[] {
    return this.list(v, path).filter((x, i): x is string => this.str(x, [...path, i], re, what));
  }

  bool(v: unknown, path: Path): void {
    if (v !== undefined && typeof v !== 'boolean') this.err(path, `must be true or false, got ${JSON.stringify(v)}`);
  }

  tags(v: unknown, path: Path): void {
    if (v === undefined) return;
    if (!this.obj(v, path, Object.keys(v as Obj))) return;
    for (const [k, val] of Object.entries(v)) if (typeof val !== 'string') this.err([...path, k], `tag values must be strings, got ${JSON.stringify(val)}`);
  }
}

/**
 * Validates a parsed world document and returns it typed. With `context` (a merge), references
 * may point at what the world already holds and Regions add to the existing ones.
 */
export function validateWorldSpec(value: unknown, locate: Locate, source: string, context?: ValidationContext): WorldSpec {
  const c = new Checker(locate);
  const top = ['defaultAccountId', 'regions', 'timings', 'organizations', 'accounts'];
  if (!c.obj(value, [], top)) throw new WorldFileError(c.issues, source);
  const spec = value as Obj;

  if (spec.defaultAccountId !== undefined) c.str(spec.defaultAccountId, ['defaultAccountId'], ACCOUNT, 'a 12-digit account id');
  const ownRegions = c.strs(spec.regions, ['regions'], REGION, 'a Region code like us-east-1');
  if (spec.regions !== undefined && ownRegions.length === 0 && !context) c.err(['regions'], 'must name at least one Region');
  const regions = new Set([...(context ? context.regions : spec.regions === undefined ? COMMERCIAL_REGIONS : []), ...ownRegions]);

  if (spec.timings !== undefined && c.obj(spec.timings, ['timings'], TIMING_KEYS)) {
    for (const [k, v] of Object.entries(spec.timings)) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_TIMING_MS)
        c.err(['timings', k], `must be a whole number of milliseconds from 0 to ${MAX_TIMING_MS} (one day), got ${JSON.stringify(v)}`);
    }
  }

  // Accounts first: organizations refer to them.
  const accounts = c.list(spec.accounts, ['accounts']);
  const declared = new Set(context?.accountIds ?? []);
  const disabled = new Map<string, readonly string[]>();
  accounts.forEach((a, i) => {
    const id = (a as Obj | null)?.id;
    if (typeof id === 'string') {
      declared.add(id);
      const d = (a as Obj).disabledRegions;
      disabled.set(id, Array.isArray(d) ? (d as string[]) : (context?.disabledRegions(id) ?? []));
    }
    void i;
  });

  const orgArns = new Set(context?.orgArns ?? []);
  const ouArns = new Set(context?.ouArns ?? []);
  const memberOf = new Map<string, string>();
  const ouIds = new Set<string>();
  c.list(spec.organizations, ['organizations']).forEach((o, i) => {
    const p: Path = ['organizations', i];
    if (!c.obj(o, p, ['id', 'managementAccountId', 'accounts', 'units'], ['id', 'managementAccountId'])) return;
    const idOk = c.str(o.id, [...p, 'id'], ORG_ID, 'an organization id like o-a1b2c3d4e5');
    const mgmtOk = c.str(o.managementAccountId, [...p, 'managementAccountId'], ACCOUNT, 'a 12-digit account id');
    if (!idOk || !mgmtOk) return;
    const orgId = o.id as string;
    const mgmt = o.managementAccountId as string;
    orgArns.add(`arn:aws:organizations::${mgmt}:organization/${orgId}`);
    const member = (acct: string, ap: Path): void => {
      if (!declared.has(acct)) c.err(ap, `account ${acct} is not declared under accounts`);
      const other = memberOf.get(acct) ?? context?.orgOfAccount(acct);
      if (memberOf.has(acct) || (other && other !== orgId))
        c.err(ap, `account ${acct} is already a member of ${other ?? orgId}; an account belongs to one organization and one OU`);
      memberOf.set(acct, orgId);
    };
    member(mgmt, [...p, 'managementAccountId']);
    c.strs(o.accounts, [...p, 'accounts'], ACCOUNT, 'a 12-digit account id').forEach((a, j) => member(a, [...p, 'accounts', j]));
    const walk = (units: unknown, up: Path): void => {
      c.list(units, up).forEach((u, j) => {
        const q: Path = [...up, j];
        if (!c.obj(u, q, ['id', 'name', 'accounts', 'units'], ['id', 'name'])) return;
        if (c.str(u.id, [...q, 'id'], OU_ID, 'an OU id like ou-a1b2-11111111')) {
          if (ouIds.has(u.id as string)) c.err([...q, 'id'], `OU id ${String(u.id)} is used twice`);
          ouIds.add(u.id as string);
          ouArns.add(`arn:aws:organizations::${mgmt}:ou/${orgId}/${String(u.id)}`);
        }
        c.str(u.name, [...q, 'name']);
        c.strs(u.accounts, [...q, 'accounts'], ACCOUNT, 'a 12-digit account id').forEach((a, k) => {
          if (a === mgmt) memberOf.delete(a); // the management account may also sit in an OU
          member(a, [...q, 'accounts', k]);
        });
        walk(u.units, [...q, 'units']);
      });
    };
    walk(o.units, [...p, 'units']);
  });

  const accountIds = new Set<string>();
  const imageIds = new Set<string>();
  const imageNames = new Set<string>();
  const buckets = new Set<string>();
  const templates = new Set<string>();
  accounts.forEach((a, i) => {
    const p: Path = ['accounts', i];
    const fields = [
      'id',
      'name',
      'disabledRegions',
      'imageBlockPublicAccess',
      'amazonManaged',
      'roles',
      'kmsKeys',
      'launchTemplates',
      'ecrRepositories',
      's3Buckets',
      'licenseConfigurations',
      'ssmParameters',
      'images',
    ];
    if (!c.obj(a, p, fields, ['id'])) return;
    if (!c.str(a.id, [...p, 'id'], ACCOUNT, 'a 12-digit account id')) return;
    const acct = a.id as string;
    if (accountIds.has(acct)) c.err([...p, 'id'], `account ${acct} is listed twice`);
    accountIds.add(acct);
    c.str(a.name, [...p, 'name']);
    c.bool(a.amazonManaged, [...p, 'amazonManaged']);
    const regionRef = (v: unknown, rp: Path): v is string => {
      if (!c.str(v, rp, REGION, 'a Region code like us-east-1')) return false;
      if (!regions.has(v as string)) {
        c.err(rp, `Region ${String(v)} is not one of the world's regions (${[...regions].join(', ')})`);
        return false;
      }
      return true;
    };
    c.list(a.disabledRegions, [...p, 'disabledRegions']).forEach((r, j) => regionRef(r, [...p, 'disabledRegions', j]));
    c.list(a.imageBlockPublicAccess, [...p, 'imageBlockPublicAccess']).forEach((r, j) => regionRef(r, [...p, 'imageBlockPublicAccess', j]));
    const off = disabled.get(acct) ?? [];
    /** A resource's Region must exist and be enabled for its account. */
    const resRegion = (v: unknown, rp: Path): boolean => {
      if (v === undefined) return false;
      if (!regionRef(v, rp)) return false;
      if (off.includes(v as string)) {
        c.err(rp, `Region ${String(v)} is disabled for account ${acct} (disabledRegions), so nothing can exist there`);
        return false;
      }
      return true;
    };

    const roleNames = new Set<string>();
    c.list(a.roles, [...p, 'roles']).forEach((r, j) => {
      const q: Path = [...p, 'roles', j];
      if (!c.obj(r, q, ['name', 'trustedAccounts', 'trustedServices', 'permissions'], ['name'])) return;
      if (c.str(r.name, [...q, 'name'], ROLE, 'a role name (1-64 letters, digits and +=,.@_-)')) {
        if (roleNames.has(r.name as string)) c.err([...q, 'name'], `role ${String(r.name)} is listed twice`);
        roleNames.add(r.name as string);
      }
      c.strs(r.trustedAccounts, [...q, 'trustedAccounts'], ACCOUNT, 'a 12-digit account id');
      c.strs(r.trustedServices, [...q, 'trustedServices'], /^[a-z0-9.-]+\.amazonaws\.com$/, 'a service principal like vmie.amazonaws.com');
      c.strs(r.permissions, [...q, 'permissions'], /^(\*|[a-z0-9-]+:[A-Za-z*]+)$/, 'an IAM action like ssm:PutParameter');
    });

    const keyIds = new Set<string>();
    c.list(a.kmsKeys, [...p, 'kmsKeys']).forEach((k, j) => {
      const q: Path = [...p, 'kmsKeys', j];
      if (!c.obj(k, q, ['region', 'keyId', 'allowAccounts', 'aliases'], ['region', 'keyId'])) return;
      if (resRegion(k.region, [...q, 'region']) && c.str(k.keyId, [...q, 'keyId'], KEY_ID, 'a KMS key id (a UUID)'))
        keyIds.add(`${String(k.region)}|${String(k.keyId)}`);
      c.strs(k.allowAccounts, [...q, 'allowAccounts'], ACCOUNT, 'a 12-digit account id');
      c.strs(k.aliases, [...q, 'aliases'], /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/, 'an alias like alias/my-key (alias/aws/ is reserved)');
    });
    const keyExists = (region: string, ref: string): boolean => {
      // The AWS-managed EBS key exists in every account and Region (created on first use).
      if (ref === 'alias/aws/ebs') return true;
      const arn = parseKmsArn(ref);
      if (arn)
        return (
          arn.region === region &&
          arn.resource === 'key' &&
          ((keyIds.has(`${region}|${arn.id}`) && arn.accountId === acct) || !!context?.keyExists(arn.accountId, region, arn.id))
        );
      return keyIds.has(`${region}|${ref}`) || !!context?.keyExists(acct, region, ref);
    };

    c.list(a.launchTemplates, [...p, 'launchTemplates']).forEach((t, j) => {
      const q: Path = [...p, 'launchTemplates', j];
      if (!c.obj(t, q, ['region', 'launchTemplateId', 'name', 'imageId', 'tags'], ['region', 'launchTemplateId', 'name'])) return;
      resRegion(t.region, [...q, 'region']);
      if (c.str(t.launchTemplateId, [...q, 'launchTemplateId'], LT, 'a launch template id like lt-0abcd1234efgh5678')) {
        const id = t.launchTemplateId as string;
        const owner = context?.launchTemplateOwner(id);
        if (templates.has(id) || (owner && owner !== acct))
          c.err([...q, 'launchTemplateId'], `launch template id ${id} is already used${owner ? ` by account ${owner}` : ''}`);
        templates.add(id);
      }
      c.str(t.name, [...q, 'name'], /^[a-zA-Z0-9().\-/_]{3,128}$/, 'a launch template name (3-128 characters)');
      c.str(t.imageId, [...q, 'imageId'], AMI, 'an AMI id like ami-0123456789abcdef0');
      c.tags(t.tags, [...q, 'tags']);
    });

    c.list(a.ecrRepositories, [...p, 'ecrRepositories']).forEach((r, j) => {
      const q: Path = [...p, 'ecrRepositories', j];
      if (!c.obj(r, q, ['region', 'repositoryName'], ['region', 'repositoryName'])) return;
      resRegion(r.region, [...q, 'region']);
      c.str(r.repositoryName, [...q, 'repositoryName'], ECR_REPO, 'an ECR repository name (lower-case, 2-256 characters)');
    });

    c.list(a.s3Buckets, [...p, 's3Buckets']).forEach((b, j) => {
      const q: Path = [...p, 's3Buckets', j];
      if (!c.obj(b, q, ['region', 'name', 'allowAccounts'], ['region', 'name'])) return;
      resRegion(b.region, [...q, 'region']);
      if (c.str(b.name, [...q, 'name'], BUCKET, 'a bucket name (3-63 lower-case letters, digits, dots and hyphens)')) {
        const owner = context?.bucketOwner(b.name as string);
        // Bucket names are global across every account.
        if (buckets.has(b.name as string) || (owner && owner !== acct))
          c.err([...q, 'name'], `bucket name ${String(b.name)} is already taken${owner ? ` by account ${owner}` : ''}; bucket names are global`);
        buckets.add(b.name as string);
      }
      c.strs(b.allowAccounts, [...q, 'allowAccounts'], ACCOUNT, 'a 12-digit account id');
    });

    c.list(a.licenseConfigurations, [...p, 'licenseConfigurations']).forEach((l, j) => {
      const q: Path = [...p, 'licenseConfigurations', j];
      if (!c.obj(l, q, ['region', 'arn', 'name'], ['region', 'arn'])) return;
      const regionOk = resRegion(l.region, [...q, 'region']);
      if (c.str(l.arn, [...q, 'arn'], LICENSE, 'a license configuration ARN')) {
        const m = LICENSE.exec(l.arn as string)!;
        if (m[2] !== acct) c.err([...q, 'arn'], `the ARN names account ${m[2]}, but the configuration is listed under account ${acct}`);
        if (regionOk && m[1] !== l.region) c.err([...q, 'arn'], `the ARN names Region ${m[1]}, but region is ${String(l.region)}`);
      }
      c.str(l.name, [...q, 'name']);
    });

    c.list(a.ssmParameters, [...p, 'ssmParameters']).forEach((s, j) => {
      const q: Path = [...p, 'ssmParameters', j];
      if (!c.obj(s, q, ['region', 'name', 'value', 'dataType'], ['region', 'name', 'value'])) return;
      resRegion(s.region, [...q, 'region']);
      c.str(s.name, [...q, 'name'], SSM_NAME, 'a parameter name (letters, digits and _.-/)');
      c.str(s.value, [...q, 'value']);
      if (s.dataType !== undefined && s.dataType !== 'text' && s.dataType !== 'aws:ec2:image')
        c.err([...q, 'dataType'], `must be text or aws:ec2:image, got ${JSON.stringify(s.dataType)}`);
    });

    c.list(a.images, [...p, 'images']).forEach((im, j) => {
      const q: Path = [...p, 'images', j];
      const f = ['region', 'imageId', 'name', 'platform', 'description', 'public', 'launchPermissions', 'encrypted', 'kmsKeyId', 'tags', 'state'];
      if (!c.obj(im, q, f, ['region', 'imageId', 'name'])) return;
      const regionOk = resRegion(im.region, [...q, 'region']);
      if (c.str(im.imageId, [...q, 'imageId'], AMI, 'an AMI id like ami-0123456789abcdef0')) {
        const id = im.imageId as string;
        const owner = context?.imageOwner(id);
        if (imageIds.has(id) || (owner && (owner.accountId !== acct || owner.region !== im.region)))
          c.err([...q, 'imageId'], `image id ${id} is already used${owner ? ` by account ${owner.accountId} in ${owner.region}` : ''}`);
        imageIds.add(id);
      }
      if (c.str(im.name, [...q, 'name'], AMI_NAME, "an AMI name (3-128 letters, digits, spaces and ()[]./-'@_)") && regionOk) {
        const key = `${acct}|${String(im.region)}|${String(im.name)}`;
        const other = context?.imageIdByName(acct, im.region as string, im.name as string);
        // InvalidAMIName.Duplicate: names are unique per account and Region.
        if (imageNames.has(key) || (other && other !== im.imageId))
          c.err(
            [...q, 'name'],
            `AMI name ${String(im.name)} is already used in account ${acct} in ${String(im.region)}${other ? ` by ${other}` : ''} (InvalidAMIName.Duplicate)`,
          );
        imageNames.add(key);
      }
      if (im.platform !== undefined && im.platform !== 'Linux' && im.platform !== 'Windows')
        c.err([...q, 'platform'], `must be Linux or Windows, got ${JSON.stringify(im.platform)}`);
      c.str(im.description, [...q, 'description']);
      c.bool(im.public, [...q, 'public']);
      c.bool(im.encrypted, [...q, 'encrypted']);
      c.tags(im.tags, [...q, 'tags']);
      if (im.state !== undefined && !['available', 'pending', 'failed'].includes(im.state as string))
        c.err([...q, 'state'], `must be available, pending or failed, got ${JSON.stringify(im.state)}`);
      if (im.kmsKeyId !== undefined && c.str(im.kmsKeyId, [...q, 'kmsKeyId']) && regionOk && !keyExists(im.region as string, im.kmsKeyId as string)) {
        c.err([...q, 'kmsKeyId'], `KMS key ${String(im.kmsKeyId)} does not exist in account ${acct} in ${String(im.region)} (declare it under kmsKeys)`);
      }
      const lp = im.launchPermissions;
      if (lp !== undefined && c.obj(lp, [...q, 'launchPermissions'], ['userIds', 'userGroups', 'organizationArns', 'organizationalUnitArns'])) {
        const lq: Path = [...q, 'launchPermissions'];
        c.strs(lp.userIds, [...lq, 'userIds'], ACCOUNT, 'a 12-digit account id');
        c.strs(lp.userGroups, [...lq, 'userGroups'], /^all$/, 'a group (the only group is all)');
        c.strs(lp.organizationArns, [...lq, 'organizationArns']).forEach((arn, k) => {
          if (!orgArns.has(arn)) c.err([...lq, 'organizationArns', k], `organization ${arn} does not exist in the world`);
        });
        c.strs(lp.organizationalUnitArns, [...lq, 'organizationalUnitArns']).forEach((arn, k) => {
          if (!ouArns.has(arn)) c.err([...lq, 'organizationalUnitArns', k], `organizational unit ${arn} does not exist in the world`);
        });
      }
    });
  });

  if (c.issues.length) throw new WorldFileError(c.issues, source);
  return spec as WorldSpec;
}
