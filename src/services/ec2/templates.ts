// Launch-template helpers for the EC2 wire operations: a template named by id or name in the
// caller's account and Region, and its model views.
import type { LaunchTemplateRec, LaunchTemplateVersionRec } from '../../cloud/simulated/records.js';
import { enter } from '../../cloud/simulated/sim.js';
import { WorldError, type Doc, type WorldCall } from '../world-call.js';

/** The id of the template the input names (LaunchTemplateId or LaunchTemplateName). */
export function templateId(call: WorldCall, input: Doc, operation: string): string {
  const id = input.LaunchTemplateId as string | undefined;
  const name = input.LaunchTemplateName as string | undefined;
  if (id !== undefined && name !== undefined)
    throw new WorldError('InvalidParameterCombination', 'Specify either the launch template ID or the launch template name, not both.');
  if (id !== undefined) return id;
  if (name === undefined) throw new WorldError('MissingParameter', 'The request must contain the parameter launchTemplateName or launchTemplateId');
  const ctx = enter(call.sim, 'ec2', operation, call.scope);
  const lt = [...call.sim.state.launchTemplates.values()].find((t) => t.accountId === ctx.accountId && t.region === ctx.region && t.name === name);
  if (!lt) throw new WorldError('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
  return lt.launchTemplateId;
}

/** The model `LaunchTemplate` of a record. */
export function wireTemplate(lt: LaunchTemplateRec): Doc {
  return {
    LaunchTemplateId: lt.launchTemplateId,
    LaunchTemplateName: lt.name,
    CreateTime: new Date(lt.createdAt ?? 0),
    CreatedBy: `arn:aws:iam::${lt.accountId}:root`,
    DefaultVersionNumber: lt.defaultVersion,
    LatestVersionNumber: lt.latestVersion,
    ...(Object.keys(lt.tags).length ? { Tags: Object.entries(lt.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
  };
}

/** The model `LaunchTemplateVersion` of one version: its whole LaunchTemplateData. */
export function wireVersion(lt: LaunchTemplateRec, v: LaunchTemplateVersionRec): Doc {
  return {
    LaunchTemplateId: lt.launchTemplateId,
    LaunchTemplateName: lt.name,
    VersionNumber: v.versionNumber,
    ...(v.description !== undefined ? { VersionDescription: v.description } : {}),
    CreateTime: new Date(v.createdAt ?? lt.createdAt ?? 0),
    CreatedBy: `arn:aws:iam::${lt.accountId}:root`,
    DefaultVersion: v.versionNumber === lt.defaultVersion,
    LaunchTemplateData: { ...(v.data ?? {}), ...(v.imageId ? { ImageId: v.imageId } : {}) },
  };
}
