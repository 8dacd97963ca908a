// The hook between the Image Builder operations and OU-following targets: the accounts the
// settings' OU tag adds now, or InvalidParameterValueException naming the OU and the cause (the
// request then changes nothing).
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { CoreCtx } from '../app/services.js';
import type { OuTarget } from '../engine/plan.js';
import { OuTargetError, ouArnsOf, resolveOuTargets } from './ou-targets.js';

export async function planOuTargets(ctx: Pick<CoreCtx, 'scope' | 'services'>, configArn: string): Promise<OuTarget[]> {
  const tags = ctx.services.tags.get(ctx.scope, configArn);
  try {
    if (ouArnsOf(tags).length === 0) return [];
    return await resolveOuTargets(ctx.services.cloud, ctx.scope, tags);
  } catch (e) {
    if (e instanceof OuTargetError) throw new InvalidParameterValueException(e.message);
    throw e;
  }
}
