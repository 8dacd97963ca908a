// Simulated EC2 AMI operations: describe (with visibility), register/create, copy (timing,
// concurrency limit, KMS, clientToken), launch permissions, tags and deregistration.
import { dryRunOperation, type Ec2Port, type Ec2Image, type LaunchPermission, type RegisterImageInput } from '../ports.js';
import { ORG_ARN_RE, OU_ARN_RE } from './arns.js';
import { enter, fail, hexId, assertRegionEnabled, type Ctx, type Sim } from './sim.js';
import { priorResult, recordToken } from './tokens.js';
import { assertAmiName, assertNameFree, imageState, ownedAmi, tagMap, toEc2Image, visibleAmi } from './amis.js';
import { defaultEbsKey, resolveKey } from './kms.js';
import type { AmiRec, LaunchPermissionType } from './records.js';
import { canSee, sharedAmiIds, sharedWith } from './visibility.js';
import { assertNotDisabled, assertRoleMay, listedByDescribe } from './ec2-lifecycle.js';

/** AWS's per destination account and Region limit on concurrent AMI copies. */
export const MAX_CONCURRENT_COPIES = 50;

type ImagePart = Pick<
  Ec2Port,
  'describeImages' | 'describeImageAttribute' | 'registerImage' | 'createImage' | 'copyImage' | 'modifyImageAttribute' | 'createTags' | 'deregisterImage'
>;

const wildcard = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/** A DescribeImages filter with its value patterns compiled once per call (not once per image). */
interface CompiledFilter {
  name: string;
  values: string[];
  patterns: RegExp[];
}

const FILTER_NAMES = new Set(['name', 'state', 'image-id', 'owner-id', 'is-public', 'platform', 'tag-key']);

/** Compiles the filters, refusing an unknown one up front (even when no AMI would reach it). */
function compileFilters(filters: { name: string; values: string[] }[]): CompiledFilter[] {
  for (const f of filters) {
    if (!FILTER_NAMES.has(f.name) && !f.name.startsWith('tag:')) {
      throw fail(
        'ec2',
        'InvalidParameterValue',
        `The filter '${f.name}' is invalid (ibex supports name, state, image-id, owner-id, is-public, platform, tag:<key>, tag-key).`,
      );
    }
  }
  return filters.map((f) => ({ ...f, patterns: f.values.map(wildcard) }));
}

function matchesFilters(img: Ec2Image, filters: CompiledFilter[]): boolean {
  for (const f of filters) {
    const any = (v: string | undefined): boolean => v !== undefined && f.patterns.some((re) => re.test(v));
    let ok: boolean;
    if (f.name === 'name') ok = any(img.name);
    else if (f.name === 'state') ok = any(img.state);
    else if (f.name === 'image-id') ok = any(img.imageId);
    else if (f.name === 'owner-id') ok = any(img.ownerId);
    else if (f.name === 'is-public') ok = any(String(img.public));
    else if (f.name === 'platform') ok = any(img.platform);
    else if (f.name.startsWith('tag:')) ok = any(img.tags.find((t) => t.key === f.name.slice(4))?.value);
    else if (f.name === 'tag-key') ok = img.tags.some((t) => any(t.key));
    else
      throw fail(
        'ec2',
        'InvalidParameterValue',
        `The filter '${f.name}' is invalid (ibex supports name, state, image-id, owner-id, is-public, platform, tag:<key>, tag-key).`,
      );
    if (!ok) return false;
  }
  return true;
}

function registerLike(sim: Sim, ctx: Ctx, input: RegisterImageInput): { imageId: string } {
  assertAmiName(input.name);
  assertNameFree(sim, ctx.accountId, ctx.region, input.name);
  let kmsKeyId: string | undefined;
  if (input.kmsKeyId) kmsKeyId = resolveKey(sim, ctx, ctx.region, input.kmsKeyId).arn;
  else if (input.encrypted) kmsKeyId = defaultEbsKey(ctx.accountId, ctx.region).arn;
  const now = sim.clock.now();
  const rec: AmiRec = {
    imageId: hexId('ami-'),
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.name,
    platform: input.platform ?? 'Linux',
    tags: tagMap(input.tagSpecifications),
    encrypted: Boolean(input.encrypted || kmsKeyId),
    isCopy: false,
    createdAt: now,
    // A new AMI becomes available after the build timing.
    availableAt: now + sim.config.timings.buildMs,
    launchPermissions: { userIds: [], userGroups: [], organizationArns: [], organizationalUnitArns: [] },
    licenseConfigurationArns: [],
    fastLaunch: null,
  };
  if (input.description !== undefined) rec.description = input.description;
  if (kmsKeyId) rec.kmsKeyId = kmsKeyId;
  sim.state.putAmi(rec);
  return { imageId: rec.imageId };
}

function validatePermission(sim: Sim, rec: AmiRec, p: LaunchPermission, adding: boolean): void {
  const keys = (['userId', 'group', 'organizationArn', 'organizationalUnitArn'] as const).filter((k) => p[k] !== undefined);
  if (keys.length !== 1)
    throw fail(
      'ec2',
      'InvalidParameterCombination',
      'Each launch permission must name exactly one of userId, group, organizationArn or organizationalUnitArn.',
    );
  if (p.userId !== undefined && !/^\d{12}$/.test(p.userId)) {
    throw fail('ec2', 'InvalidAMIAttributeItemValue', `Invalid attribute item value "${p.userId}" for userId item type: an account id is 12 digits.`);
  }
  if (p.group !== undefined) {
    if (p.group !== 'all')
      throw fail('ec2', 'InvalidAMIAttributeItemValue', `Invalid attribute item value "${p.group}" for group item type: the only group is "all".`);
    const blocked = sim.state.accounts.get(rec.accountId)?.imageBlockPublicAccess.includes(rec.region);
    if (adding && blocked) {
      throw fail(
        'ec2',
        'OperationNotPermitted',
        `You can't publicly share this image because block public access for AMIs is enabled for this account (${rec.accountId}) in ${rec.region}. To publicly share the image, you must call the DisableImageBlockPublicAccess API.`,
      );
    }
  }
  if (p.organizationArn !== undefined && adding) {
    const m = ORG_ARN_RE.exec(p.organizationArn);
    const org = m ? sim.state.orgs.get(m[2]!) : undefined;
    if (!m || !org || org.managementAccountId !== m[1]) {
      throw fail(
        'ec2',
        'InvalidParameterValue',
        `The organization ARN '${p.organizationArn}' is not valid: ${m ? 'no such organization exists' : 'it does not match arn:aws:organizations::<account>:organization/o-…'}.`,
      );
    }
  }
  if (p.organizationalUnitArn !== undefined && adding) {
    const m = OU_ARN_RE.exec(p.organizationalUnitArn);
    const ou = m ? sim.state.units.get(m[3]!) : undefined;
    if (!m || !ou || ou.arn !== p.organizationalUnitArn) {
      throw fail(
        'ec2',
        'InvalidParameterValue',
        `The organizational unit ARN '${p.organizationalUnitArn}' is not valid: ${m ? 'no such OU exists in that organization' : 'it does not match arn:aws:organizations::<account>:ou/o-…/ou-…'}.`,
      );
    }
  }
}

/** The (type, value) of a validated launch permission (exactly one member is set). */
function permissionEntry(p: LaunchPermission): [LaunchPermissionType, string] {
  if (p.userId !== undefined) return ['userId', p.userId];
  if (p.group !== undefined) return ['group', p.group];
  if (p.organizationArn !== undefined) return ['organizationArn', p.organizationArn];
  return ['organizationalUnitArn', p.organizationalUnitArn!];
}

/** EC2 AMI operations of the simulated world. */
export function simulatedEc2Images(sim: Sim): ImagePart {
  return {
    async describeImages(scope, input) {
      const ctx = enter(sim, 'ec2', 'DescribeImages', scope);
      const st = sim.state;
      const filters = compileFilters(input.filters ?? []);
      const nameFilters = filters.filter((f) => f.name === 'name');
      // Exact names (no wildcard) are looked up in the Region's name index instead of scanning
      // every visible AMI (bench/world-describe.ts: 100,000 AMIs).
      const exactNames = nameFilters[0]?.values.every((v) => !/[*?]/.test(v)) ? nameFilters[0].values : undefined;
      let recs: AmiRec[];
      if (input.imageIds?.length) {
        // AWS fails the whole call when any requested id is not visible.
        recs = input.imageIds.map((id) => visibleAmi(sim, ctx, ctx.region, id));
      } else if (input.owners?.length) {
        const ids = new Set<string>();
        for (const o of input.owners) {
          if (o === 'self') for (const id of st.ownedAmiIds(ctx.accountId, ctx.region)) ids.add(id);
          else if (o === 'amazon') {
            for (const a of st.accounts.values()) if (a.amazonManaged) for (const id of st.ownedAmiIds(a.accountId, ctx.region)) ids.add(id);
          } else if (/^\d{12}$/.test(o)) for (const id of st.ownedAmiIds(o, ctx.region)) ids.add(id);
          else throw fail('ec2', 'InvalidUserID.Malformed', `Invalid user id: "${o}" (owners takes account ids, self or amazon).`);
        }
        recs = [...ids].map((id) => st.amis.get(id)!).filter((r) => canSee(st, ctx.accountId, r));
      } else if (exactNames) {
        const ids = new Set<string>();
        for (const n of exactNames) for (const id of st.amiIdsNamed(ctx.region, n)) ids.add(id);
        recs = [...ids].map((id) => st.amis.get(id)!).filter((r) => canSee(st, ctx.accountId, r));
      } else {
        const ids = new Set<string>(st.ownedAmiIds(ctx.accountId, ctx.region));
        sharedAmiIds(st, ctx.accountId, ctx.region).forEach((id) => ids.add(id));
        st.publicAmis.get(ctx.region)?.forEach((id) => ids.add(id));
        recs = [...ids].map((id) => st.amis.get(id)!).filter((r) => canSee(st, ctx.accountId, r));
      }
      if (input.executableUsers?.length) {
        recs = recs.filter((r) =>
          input.executableUsers!.some((u) => {
            if (u === 'all') return r.launchPermissions.userGroups.includes('all');
            // The caller's own launch permissions count its organization and OU shares; another
            // account's, only the shares naming that account (AWS). A public AMI is `all`'s.
            if (u === 'self' || u === ctx.accountId) return r.accountId !== ctx.accountId && sharedWith(st, ctx.accountId, r);
            return r.accountId !== u && st.hasLaunchPermission(r, 'userId', u);
          }),
        );
      }
      // Names are matched on the records, before the (costlier) DescribeImages views are built.
      if (nameFilters.length) recs = recs.filter((r) => nameFilters.every((f) => f.patterns.some((re) => re.test(r.name))));
      recs = recs.filter((r) => listedByDescribe(sim, ctx.accountId, r, input));
      let images = recs.map((r) => toEc2Image(sim, r));
      if (filters.length) images = images.filter((i) => matchesFilters(i, filters));
      return { images };
    },

    async describeImageAttribute(scope, input) {
      const ctx = enter(sim, 'ec2', 'DescribeImageAttribute', scope);
      const rec = ownedAmi(sim, ctx, input.imageId);
      const lp = rec.launchPermissions;
      return {
        imageId: rec.imageId,
        launchPermissions: [
          ...lp.userIds.map((userId) => ({ userId })),
          ...lp.userGroups.map(() => ({ group: 'all' as const })),
          ...lp.organizationArns.map((organizationArn) => ({ organizationArn })),
          ...lp.organizationalUnitArns.map((organizationalUnitArn) => ({ organizationalUnitArn })),
        ],
      };
    },

    async registerImage(scope, input) {
      const ctx = enter(sim, 'ec2', 'RegisterImage', scope);
      return registerLike(sim, ctx, input);
    },

    async createImage(scope, input) {
      const ctx = enter(sim, 'ec2', 'CreateImage', scope);
      return registerLike(sim, ctx, input);
    },

    async copyImage(scope, input) {
      const ctx = enter(sim, 'ec2', 'CopyImage', scope, input);
      const st = sim.state;
      const prior = priorResult(sim, ctx, 'CopyImage', input);
      if (prior) return { imageId: prior };
      assertAmiName(input.name);
      if (!sim.config.regions.has(input.sourceRegion)) {
        throw fail('ec2', 'InvalidParameterValue', `Invalid value '${input.sourceRegion}' for sourceRegion: the Region does not exist in this world.`);
      }
      assertRegionEnabled(sim, 'ec2', ctx.accountId, input.sourceRegion);
      const src = visibleAmi(sim, ctx, input.sourceRegion, input.sourceImageId);
      assertNotDisabled(src);
      const now = sim.clock.now();
      if (imageState(src, now) === 'failed') {
        throw fail('ec2', 'InvalidAMIID.Unavailable', `The image '${src.imageId}' is in the 'failed' state and cannot be copied.`);
      }
      assertNameFree(sim, ctx.accountId, ctx.region, input.name);
      if (input.kmsKeyId && !input.encrypted) {
        throw fail('ec2', 'InvalidParameterCombination', 'The parameter KmsKeyId requires the parameter Encrypted to be set.');
      }
      // Copying another account's encrypted AMI needs that account's key policy to allow us.
      if (src.encrypted && src.kmsKeyId && src.accountId !== ctx.accountId) {
        resolveKey(sim, ctx, src.region, src.kmsKeyId);
      }
      let kmsKeyId: string | undefined;
      if (input.kmsKeyId) kmsKeyId = resolveKey(sim, ctx, ctx.region, input.kmsKeyId).arn;
      else if (src.encrypted && src.kmsKeyId && src.accountId === ctx.accountId && src.region === ctx.region) kmsKeyId = src.kmsKeyId;
      else if (src.encrypted || input.encrypted) kmsKeyId = defaultEbsKey(ctx.accountId, ctx.region).arn;
      // The concurrent-copy limit is about capacity when the real copy starts, not the request.
      if (input.dryRun) throw dryRunOperation();
      if (st.pendingCopyCount(ctx.accountId, ctx.region) >= MAX_CONCURRENT_COPIES) {
        throw fail(
          'ec2',
          'ResourceLimitExceeded',
          `You have reached the maximum number of concurrent AMI copy operations (${MAX_CONCURRENT_COPIES}) for account ${ctx.accountId} in ${ctx.region}. Wait for a copy to complete and try again.`,
        );
      }
      // A copy of a pending source waits for it, then takes the copy timing.
      const availableAt = Math.max(now, src.availableAt) + sim.config.timings.copyImageMs;
      const rec: AmiRec = {
        imageId: hexId('ami-'),
        accountId: ctx.accountId,
        region: ctx.region,
        name: input.name,
        platform: src.platform,
        // AWS copies neither tags nor launch permissions.
        tags: tagMap(input.tagSpecifications),
        encrypted: Boolean(kmsKeyId),
        sourceImageId: src.imageId,
        sourceRegion: src.region,
        isCopy: true,
        createdAt: now,
        availableAt,
        launchPermissions: { userIds: [], userGroups: [], organizationArns: [], organizationalUnitArns: [] },
        licenseConfigurationArns: [],
        fastLaunch: null,
      };
      if (input.description !== undefined) rec.description = input.description;
      if (kmsKeyId) rec.kmsKeyId = kmsKeyId;
      st.repo.tx(() => {
        st.putAmi(rec);
        recordToken(sim, ctx, 'CopyImage', input, rec.imageId);
      });
      return { imageId: rec.imageId };
    },

    async modifyImageAttribute(scope, input) {
      const ctx = enter(sim, 'ec2', 'ModifyImageAttribute', scope, input);
      const rec = ownedAmi(sim, ctx, input.imageId);
      const add = input.launchPermission.add ?? [];
      const remove = input.launchPermission.remove ?? [];
      if (add.length) assertNotDisabled(rec);
      for (const p of add) validatePermission(sim, rec, p, true);
      for (const p of remove) validatePermission(sim, rec, p, false);
      if (input.dryRun) throw dryRunOperation();
      // Each entry is one list push, one index entry and one small row: granting the 1,536th
      // account costs what granting the first did (no clone or re-serialization of the image).
      const st = sim.state;
      st.repo.tx(() => {
        for (const p of add) {
          const [type, value] = permissionEntry(p);
          st.addLaunchPermission(rec.imageId, type, value);
        }
        for (const p of remove) {
          const [type, value] = permissionEntry(p);
          st.removeLaunchPermission(rec.imageId, type, value);
        }
      });
    },

    async createTags(scope, input) {
      const ctx = enter(sim, 'ec2', 'CreateTags', scope);
      for (const t of input.tags) {
        // EC2's observed answers for an empty key and for the reserved `aws:` prefix.
        if (t.key === '') throw fail('ec2', 'InvalidParameterValue', "Value ( '' ) for parameter Tag key is invalid. Tag key cannot be null or empty.");
        if (/^aws:/i.test(t.key))
          throw fail('ec2', 'InvalidTagKey.Malformed', `The tag key '${t.key}' is not valid. Tag keys starting with 'aws:' are reserved for internal use.`);
      }
      const add = Object.fromEntries(input.tags.map((t) => [t.key, t.value]));
      const updates: (() => void)[] = [];
      for (const id of input.resources) {
        if (id.startsWith('ami-')) {
          const rec = ownedAmi(sim, ctx, id);
          const tags = { ...rec.tags, ...add };
          if (Object.keys(tags).length > 50) throw fail('ec2', 'TagLimitExceeded', `The maximum number of tags (50) for resource ${id} has been exceeded.`);
          updates.push(() => sim.state.putAmi({ ...rec, tags }));
        } else if (id.startsWith('lt-')) {
          const lt = sim.state.launchTemplates.get(id);
          if (!lt || lt.accountId !== ctx.accountId || lt.region !== ctx.region) {
            throw fail('ec2', 'InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
          }
          updates.push(() => sim.state.putLaunchTemplate({ ...lt, tags: { ...lt.tags, ...add } }));
        } else {
          throw fail('ec2', 'InvalidID', `The ID '${id}' is not valid (ibex tags AMIs and launch templates).`);
        }
      }
      sim.state.repo.tx(() => updates.forEach((u) => u()));
    },

    async deregisterImage(scope, input) {
      const ctx = enter(sim, 'ec2', 'DeregisterImage', scope);
      const rec = ownedAmi(sim, ctx, input.imageId);
      assertRoleMay(ctx, 'ec2:DeregisterImage', rec);
      sim.state.putAmi({ ...rec, deregisteredAt: sim.clock.now() });
    },
  };
}
