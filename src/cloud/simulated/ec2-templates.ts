// Simulated EC2 launch templates: describe, new versions that swap the AMI, default version.
// Changes made through an assumed role need the role's permission (checked in `enter`).
import { dryRunOperation, type CloudScope, type Ec2Port, type LaunchTemplate, type LaunchTemplateVersion } from '../ports.js';
import { enter, fail, type Ctx, type Sim } from './sim.js';
import { priorResult, recordToken } from './tokens.js';
import { tagList } from './amis.js';
import type { LaunchTemplateRec, LaunchTemplateVersionRec } from './records.js';

type TemplatePart = Pick<Ec2Port, 'describeLaunchTemplates' | 'describeLaunchTemplateVersions' | 'createLaunchTemplateVersion' | 'modifyLaunchTemplate'>;

const view = (lt: LaunchTemplateRec): LaunchTemplate => ({
  launchTemplateId: lt.launchTemplateId,
  launchTemplateName: lt.name,
  defaultVersionNumber: lt.defaultVersion,
  latestVersionNumber: lt.latestVersion,
  tags: tagList(lt.tags),
});

/** The template in the caller's account and Region, else `InvalidLaunchTemplateId.NotFound`. */
export function templateOf(sim: Sim, ctx: Ctx, id: string): LaunchTemplateRec {
  if (!/^lt-[a-z0-9-_]{17}$/.test(id)) {
    throw fail('ec2', 'InvalidLaunchTemplateId.Malformed', `The launch template ID '${id}' is malformed (expecting lt- followed by 17 characters).`);
  }
  const lt = sim.state.launchTemplates.get(id);
  if (!lt || lt.accountId !== ctx.accountId || lt.region !== ctx.region) {
    throw fail(
      'ec2',
      'InvalidLaunchTemplateId.NotFound',
      `The specified launch template, with template ID ${id}, does not exist in account ${ctx.accountId} in ${ctx.region}.`,
    );
  }
  return lt;
}

/** Resolves `$Latest`, `$Default` or a number to an existing version number. */
export function versionOf(lt: LaunchTemplateRec, v: string): number {
  const n = v === '$Latest' ? lt.latestVersion : v === '$Default' ? lt.defaultVersion : Number(v);
  if (!Number.isInteger(n) || !lt.versions.some((x) => x.versionNumber === n)) {
    throw fail('ec2', 'InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${v} for launch template ${lt.launchTemplateId}.`);
  }
  return n;
}

const versionView = (lt: LaunchTemplateRec, v: LaunchTemplateVersionRec): LaunchTemplateVersion => ({
  launchTemplateId: lt.launchTemplateId,
  versionNumber: v.versionNumber,
  defaultVersion: v.versionNumber === lt.defaultVersion,
  launchTemplateData: v.imageId ? { imageId: v.imageId } : {},
});

/** CreateLaunchTemplateVersion as the port takes it, plus what only the wire API sends. */
export type CreateVersionInput = Parameters<Ec2Port['createLaunchTemplateVersion']>[1] & {
  /** The rest of the data, stored form (src/services/ec2/launch-template-data.ts). */
  data?: Record<string, unknown>;
  versionDescription?: string;
  /**
   * Whether the new version starts from a source version's data. EC2 copies one only when the
   * request names SourceVersion; the engine's port call always builds on the default version,
   * as Image Builder does (it keeps the template's other settings and swaps the AMI).
   */
  inherit: 'named' | 'default';
};

/**
 * Makes a new version (one transaction with its client token): the source version's data with the
 * given data's top-level members over it, as EC2 does.
 */
export function createTemplateVersion(sim: Sim, scope: CloudScope, input: CreateVersionInput): { lt: LaunchTemplateRec; version: LaunchTemplateVersionRec } {
  const ctx = enter(sim, 'ec2', 'CreateLaunchTemplateVersion', scope, input);
  const lt = templateOf(sim, ctx, input.launchTemplateId);
  // A retried request (same client token) gets the version it already made, not another one;
  // the token covers the data too (`inherit` is fixed per caller, so it is left out).
  const { inherit: _i, ...tokenInput } = input;
  const prior = priorResult(sim, ctx, 'CreateLaunchTemplateVersion', tokenInput);
  const made = prior !== undefined ? lt.versions.find((v) => v.versionNumber === Number(prior)) : undefined;
  if (made) return { lt, version: made };
  const sourceRef = input.sourceVersion ?? (input.inherit === 'default' ? '$Default' : undefined);
  const base = sourceRef !== undefined ? lt.versions.find((v) => v.versionNumber === versionOf(lt, sourceRef))! : undefined;
  const imageId = input.launchTemplateData.imageId ?? base?.imageId;
  if (imageId !== undefined && !/^ami-[0-9a-f]{8,17}$/.test(imageId) && !imageId.startsWith('resolve:ssm:')) {
    throw fail('ec2', 'InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  }
  if (input.dryRun) throw dryRunOperation();
  const data = { ...(base?.data ?? {}), ...(input.data ?? {}) };
  const version: LaunchTemplateVersionRec = {
    versionNumber: lt.latestVersion + 1,
    ...(imageId ? { imageId } : {}),
    ...(Object.keys(data).length ? { data } : {}),
    ...(input.versionDescription !== undefined ? { description: input.versionDescription } : {}),
    createdAt: sim.clock.now(),
  };
  const next: LaunchTemplateRec = { ...lt, latestVersion: version.versionNumber, versions: [...lt.versions, version] };
  sim.state.repo.tx(() => {
    sim.state.putLaunchTemplate(next);
    recordToken(sim, ctx, 'CreateLaunchTemplateVersion', tokenInput, String(version.versionNumber));
  });
  return { lt: next, version };
}

/** Launch template operations of the simulated world. */
export function simulatedEc2Templates(sim: Sim): TemplatePart {
  return {
    async describeLaunchTemplates(scope, input) {
      const ctx = enter(sim, 'ec2', 'DescribeLaunchTemplates', scope);
      if (input.launchTemplateIds?.length) return { launchTemplates: input.launchTemplateIds.map((id) => view(templateOf(sim, ctx, id))) };
      const mine = [...sim.state.launchTemplates.values()].filter((lt) => lt.accountId === ctx.accountId && lt.region === ctx.region);
      if (input.launchTemplateNames?.length) {
        return {
          launchTemplates: input.launchTemplateNames.map((name) => {
            const lt = mine.find((x) => x.name === name);
            if (!lt)
              throw fail(
                'ec2',
                'InvalidLaunchTemplateName.NotFoundException',
                `At least one of the launch templates specified in the request does not exist: ${name}.`,
              );
            return view(lt);
          }),
        };
      }
      return { launchTemplates: mine.map(view) };
    },

    async describeLaunchTemplateVersions(scope, input) {
      const ctx = enter(sim, 'ec2', 'DescribeLaunchTemplateVersions', scope);
      const lt = templateOf(sim, ctx, input.launchTemplateId);
      const wanted = input.versions?.length ? new Set(input.versions.map((v) => versionOf(lt, v))) : null;
      return { launchTemplateVersions: lt.versions.filter((v) => !wanted || wanted.has(v.versionNumber)).map((v) => versionView(lt, v)) };
    },

    async createLaunchTemplateVersion(scope, input) {
      const { lt, version } = createTemplateVersion(sim, scope, { ...input, inherit: 'default' });
      return { launchTemplateVersion: versionView(lt, version) };
    },

    async modifyLaunchTemplate(scope, input) {
      const ctx = enter(sim, 'ec2', 'ModifyLaunchTemplate', scope, input);
      const lt = templateOf(sim, ctx, input.launchTemplateId);
      const next = { ...lt, defaultVersion: versionOf(lt, input.defaultVersion) };
      if (input.dryRun) throw dryRunOperation();
      sim.state.putLaunchTemplate(next);
      return { launchTemplate: view(next) };
    },
  };
}
