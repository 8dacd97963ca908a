// Helpers shared by the distribution-configuration operations: rule checks, ARN resolution and
// the wire shape of a stored record.
import { checkDistributions } from '../domain/distribution-rules.js';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { Distribution, DistributionConfiguration } from '../model/generated/types.js';
import { preserialized } from '../protocol/serialize.js';
import { violationMessage } from '../protocol/validate.js';
import type { DistributionConfigurationRecord } from '../store/ports.js';
import { notFound, ownArn } from '../domain/arn-arguments.js';
import type { CoreCtx } from './services.js';

/** AWS returns 720 although the field cannot be set (facts §1.10). */
export const TIMEOUT_MINUTES = 720;

/** Throws InvalidParameterValueException for the first cross-field rule broken. */
export function assertDistributionsValid(ctx: CoreCtx, distributions: Distribution[]): void {
  const v = checkDistributions(distributions, ctx.scope.accountId);
  if (v) throw new InvalidParameterValueException(violationMessage(v));
  // One distribution per Region bounds a configuration by the Regions that exist: in the
  // simulated world, those are the world's.
  const regions = ctx.services.regions?.();
  if (!regions) return;
  const i = distributions.findIndex((d) => !regions.includes(d.region));
  if (i >= 0) {
    throw new InvalidParameterValueException(
      violationMessage({
        path: `distributions[${i}].region`,
        detail: `The Region '${distributions[i]!.region}' does not exist in this ibex world (its Regions: ${regions.join(', ')}).`,
      }),
    );
  }
}

/** Loads the caller's configuration named by `arn`, or throws ResourceNotFoundException. */
export function loadDistributionConfiguration(ctx: CoreCtx, arn: string): DistributionConfigurationRecord {
  const parsed = ownArn(ctx, arn, 'distributionConfigurationArn');
  const rec = parsed.resourceType === 'distribution-configuration' ? ctx.services.distributionConfigurations.get(ctx.scope, parsed.resourceId) : undefined;
  if (!rec) throw notFound(arn);
  return rec;
}

// The wire form of a cached (frozen) record with its cached (frozen) tags, made once: both stay
// the same objects until a write replaces them, so identity says the wire form is still true.
const wireForms = new WeakMap<DistributionConfigurationRecord, { tags: Record<string, string>; wire: DistributionConfiguration }>();

/** The API representation of a stored configuration (also what an image embeds as its snapshot). */
export function toDistributionConfiguration(ctx: CoreCtx, rec: DistributionConfigurationRecord): DistributionConfiguration {
  const tags = ctx.services.tags.get(ctx.scope, rec.arn);
  if (!Object.isFrozen(rec) || !Object.isFrozen(tags)) return wireForm(rec, tags);
  const known = wireForms.get(rec);
  if (known && known.tags === tags) return known.wire;
  const wire = preserialized(Object.freeze(wireForm(rec, tags)));
  wireForms.set(rec, { tags, wire });
  return wire;
}

function wireForm(rec: DistributionConfigurationRecord, tags: Record<string, string>): DistributionConfiguration {
  return {
    arn: rec.arn,
    name: rec.name,
    ...(rec.description !== undefined ? { description: rec.description } : {}),
    distributions: rec.distributions,
    timeoutMinutes: TIMEOUT_MINUTES,
    dateCreated: rec.dateCreated,
    ...(rec.dateUpdated !== undefined ? { dateUpdated: rec.dateUpdated } : {}),
    tags,
  };
}
