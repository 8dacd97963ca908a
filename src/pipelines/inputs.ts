// Resolves the inputs a build references: recipes and infrastructure configurations of the caller,
// components (the caller's or Amazon's, `x` wildcards → newest) and parent images (an AMI id, an
// Amazon-managed image ARN or one of the caller's images), plus the dependency fingerprint that
// tells a pipeline whether anything it depends on has a newer version.
import { createHash } from 'node:crypto';
import { parseArn, type ParsedArn } from '../domain/arn.js';
import { parseImageRef } from '../domain/image-arn.js';
import type { Scope } from '../domain/scope.js';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { Component, ComponentConfiguration, ContainerRecipe, ImageRecipe, InfrastructureConfiguration } from '../model/generated/types.js';
import { notFound } from '../domain/arn-arguments.js';
import type { PipelineServices } from './services.js';
import type { BuildResourceRecord, BuildResourceType } from '../store/records.js';
import { amazonComponents, amazonImages } from './amazon.js';
import { newest } from '../domain/versions.js';
import { isSharedWith, sharedOwnerScope } from '../app/resource-policies.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** Parses an ARN argument that may name the caller's resource or (when `amazon`) Amazon's. */
export function inputArn(scope: Scope, arn: string, param: string, type: string, opts: { amazon?: boolean } = {}): ParsedArn {
  const p = parseArn(arn);
  if (!p || p.resourceType !== type) {
    throw new InvalidParameterValueException(invalidParameter(param, `'${arn}' is not a valid ${type} ARN.`));
  }
  if (p.region !== scope.region) {
    throw new InvalidParameterValueException(
      invalidParameter(param, `The Region of the ARN '${p.region}' does not match the Region of the request '${scope.region}'.`),
    );
  }
  if (p.owner !== scope.accountId && !(opts.amazon && p.owner === 'aws')) throw notFound(arn);
  return p;
}

/** Loads a versioned resource (`<id>/<x.y.z>` with optional wildcards) of the caller: the newest match. */
export function loadVersioned<T>(
  services: PipelineServices,
  caller: Scope,
  type: BuildResourceType,
  arn: string,
  param: string,
  opts: { shared?: boolean } = {},
): BuildResourceRecord<T> {
  // Reading and using (not changing) a recipe works on one another account shares with the caller.
  const owner = opts.shared ? sharedOwnerScope(services, caller, arn) : undefined;
  const scope = owner ?? caller;
  const p = inputArn(scope, arn, param, type);
  const m = /^([a-z0-9-_]+)\/((?:\d+|x)\.(?:\d+|x)\.(?:\d+|x))$/.exec(p.resourceId);
  if (!m) throw new InvalidParameterValueException(invalidParameter(param, `'${arn}' is not a valid ${type} version ARN.`));
  const found = newest(
    services.build.resources.versionsOf<T>(scope, type, m[1]!).filter((r) => !owner || isSharedWith(services, owner, r.arn, caller.accountId)),
    (r) => r.version,
    m[2]!,
  );
  if (!found) throw notFound(arn);
  return found;
}

/** The caller's infrastructure configuration. */
export function loadInfrastructure(
  services: PipelineServices,
  scope: Scope,
  arn: string,
  param = 'infrastructureConfigurationArn',
): BuildResourceRecord<InfrastructureConfiguration> {
  inputArn(scope, arn, param, 'infrastructure-configuration');
  const rec = services.build.resources.get<InfrastructureConfiguration>(scope, arn);
  if (!rec) throw notFound(arn);
  return rec;
}

/** The caller's image recipe. */
export const loadImageRecipe = (s: PipelineServices, scope: Scope, arn: string, param = 'imageRecipeArn', opts: { shared?: boolean } = {}) =>
  loadVersioned<ImageRecipe>(s, scope, 'image-recipe', arn, param, opts);
/** The caller's container recipe. */
export const loadContainerRecipe = (s: PipelineServices, scope: Scope, arn: string, param = 'containerRecipeArn', opts: { shared?: boolean } = {}) =>
  loadVersioned<ContainerRecipe>(s, scope, 'container-recipe', arn, param, opts);

/** A component by version or build ARN (the caller's or Amazon's), newest match for wildcards. */
export function resolveComponent(services: PipelineServices, caller: Scope, arn: string, param: string): Component & { arn: string } {
  const owner = sharedOwnerScope(services, caller, arn);
  const scope = owner ?? caller;
  const p = inputArn(scope, arn, param, 'component', { amazon: true });
  const m = /^([a-z0-9-_]+)\/((?:\d+|x)\.(?:\d+|x)\.(?:\d+|x))(?:\/(\d+))?$/.exec(p.resourceId);
  if (!m) throw new InvalidParameterValueException(invalidParameter(param, `'${arn}' is not a valid component ARN.`));
  const candidates: (Component & { arn: string })[] =
    p.owner === 'aws'
      ? amazonComponents(scope.region).filter((c) => c.name === m[1])
      : services.build.resources.versionsOf<Component>(scope, 'component', m[1]!).map((r) => ({ ...r.body, arn: r.arn }));
  const withBuild = candidates.filter(
    (c) => (m[3] === undefined || c.arn.endsWith(`/${m[3]}`)) && (!owner || isSharedWith(services, owner, c.arn, caller.accountId)),
  );
  const found = newest(withBuild, (c) => `${c.version}/${c.arn.split('/').pop()}`, m[2]!);
  if (!found) throw notFound(arn);
  return found;
}

/** Checks every component of a recipe exists; returns them resolved. */
export function resolveComponents(services: PipelineServices, scope: Scope, components: ComponentConfiguration[] | undefined): (Component & { arn: string })[] {
  return (components ?? []).map((c, i) => resolveComponent(services, scope, c.componentArn, `components[${i}].componentArn`));
}

/** A parent image resolved to an AMI (or, for containers, an opaque reference). */
export interface ResolvedParent {
  kind: 'ami' | 'container';
  /** What the build starts from: an AMI id, or the container parent reference. */
  ref: string;
  platform: 'Linux' | 'Windows';
  /** The concrete version resolved (for the dependency fingerprint). */
  resolved: string;
}

/** Resolves an image recipe's parent image: an AMI id, an Amazon-managed image ARN, or the caller's image ARN. */
export async function resolveParentAmi(services: PipelineServices, scope: Scope, parentImage: string, param = 'parentImage'): Promise<ResolvedParent> {
  const { cloud } = services;
  if (/^ami-[0-9a-f]+$/.test(parentImage)) {
    const { images } = await cloud.ec2
      .describeImages(scope, { imageIds: [parentImage] })
      .catch(() => ({ images: [] as Awaited<ReturnType<typeof cloud.ec2.describeImages>>['images'] }));
    const ami = images[0];
    if (!ami) throw notFound(parentImage);
    return { kind: 'ami', ref: ami.imageId, platform: ami.platform === 'windows' ? 'Windows' : 'Linux', resolved: ami.imageId };
  }
  const p = inputArn(scope, parentImage, param, 'image', { amazon: true });
  const ref = parseImageRef(p.resourceId);
  if (!ref) throw new InvalidParameterValueException(invalidParameter(param, `'${parentImage}' is not a valid image ARN.`));
  if (p.owner === 'aws') {
    const found = newest(
      (await amazonImages(cloud, scope)).filter((i) => i.id === ref.name && i.type === 'AMI' && (ref.build === undefined || ref.build === 1)),
      (i) => i.version,
      ref.version,
    );
    if (!found?.amiId) throw notFound(parentImage);
    return { kind: 'ami', ref: found.amiId, platform: found.platform, resolved: found.arn };
  }
  const own = services.images
    .buildsByName(scope, ref.name)
    .filter((i) => i.state?.status === 'AVAILABLE' && i.type !== 'DOCKER')
    .filter((i) => ref.build === undefined || (i.version ?? '').endsWith(`/${ref.build}`));
  const found = newest(own, (i) => i.version ?? '0.0.0', ref.version);
  const ami = found?.outputResources?.amis?.find((a) => a.region === scope.region && (a.accountId ?? scope.accountId) === scope.accountId);
  if (!found || !ami?.image) throw notFound(parentImage);
  return { kind: 'ami', ref: ami.image, platform: found.platform === 'Windows' ? 'Windows' : 'Linux', resolved: (found as { arn?: string }).arn ?? '' };
}

/** A fingerprint of the concrete versions a recipe resolves to: it changes exactly when a wildcard picks something newer. */
export async function dependencyFingerprint(services: PipelineServices, scope: Scope, recipe: ImageRecipe | ContainerRecipe): Promise<string> {
  const parts: string[] = [];
  if (recipe.parentImage && (recipe as ImageRecipe).type !== 'DOCKER' && !('containerType' in recipe)) {
    try {
      parts.push((await resolveParentAmi(services, scope, recipe.parentImage)).resolved);
    } catch {
      parts.push(`unresolved:${recipe.parentImage}`);
    }
  } else if (recipe.parentImage) {
    parts.push(recipe.parentImage);
  }
  for (const c of recipe.components ?? []) {
    try {
      parts.push(resolveComponent(services, scope, c.componentArn, 'componentArn').arn);
    } catch {
      parts.push(`unresolved:${c.componentArn}`);
    }
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}
