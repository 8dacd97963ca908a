// StartResourceStateUpdate: moves one image to AVAILABLE, DEPRECATED, DISABLED or DELETED. With
// included resources (AMIs, snapshots, container images) or an `updateAt` it runs as a lifecycle execution (its id is
// returned); otherwise the image record's state changes at once and no id is returned.
import { InvalidParameterValueException, InvalidRequestException, ResourceInUseException } from '../model/generated/errors.js';
import type { Image } from '../model/generated/types.js';
import type { PlannedAction } from '../store/records.js';
import type { Handler } from './handler.js';
import { loadImage } from '../app/images.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

const bad = (param: string, why: string): InvalidRequestException => new InvalidRequestException(invalidParameter(param, `${why}`));
const ACTION = { AVAILABLE: 'AVAILABLE', DEPRECATED: 'DEPRECATE', DISABLED: 'DISABLE', DELETED: 'DELETE' } as const;

export const StartResourceStateUpdate: Handler<'StartResourceStateUpdate'> = async (input, ctx) => {
  if (!/\/\d+$/.test(input.resourceArn)) {
    throw new InvalidParameterValueException(invalidParameter('resourceArn', 'Name an image build version (…/x.y.z/n).'));
  }
  const image = loadImage(ctx, input.resourceArn, 'resourceArn');
  const target = input.state.status;
  if (!target) throw bad('state.status', 'Give the status to move the image to: AVAILABLE, DEPRECATED, DISABLED or DELETED.');
  const current = image.state?.status ?? 'PENDING';
  if (!['AVAILABLE', 'DEPRECATED', 'DISABLED', 'FAILED', 'CANCELLED'].includes(current)) {
    throw new ResourceInUseException(`The image '${image.arn}' is ${current}; its state can change only once its build has finished.`);
  }
  if ((current === 'FAILED' || current === 'CANCELLED') && target !== 'DELETED') throw bad('state.status', `A ${current} image can only be DELETED.`);
  const inc = input.includeResources;
  const including = !!(inc && (inc.amis || inc.snapshots || inc.containers));
  if (!!input.executionRole !== including) throw bad('executionRole', 'executionRole and includeResources go together: give both or neither.');
  if ((inc?.snapshots || inc?.containers) && target !== 'DELETED')
    throw bad('includeResources', 'Snapshots and containers can be included only to delete them (status DELETED).');
  if (target === 'DELETED' && !including) throw bad('includeResources', 'DELETED needs includeResources; to delete only the image record, call DeleteImage.');
  if (inc?.containers && image.type !== 'DOCKER') throw bad('includeResources.containers', 'Only a container image has container images to delete.');
  const nowS = ctx.now().getTime() / 1000;
  if (input.updateAt !== undefined) {
    if (target !== 'DEPRECATED') throw bad('updateAt', 'updateAt applies only to the DEPRECATED status.');
    if (input.updateAt <= nowS) throw bad('updateAt', 'updateAt must be in the future.');
  }
  if (input.exclusionRules?.amis && !inc?.amis) throw bad('exclusionRules', 'AMI exclusion rules apply only when AMIs are included.');
  const { lifecycle } = ctx.services;
  if (lifecycle.runner.active(ctx.scope, image.arn)) throw new ResourceInUseException(`A lifecycle execution is already updating the image '${image.arn}'.`);
  const action: PlannedAction = {
    type: ACTION[target],
    includeAmis: inc?.amis === true,
    includeSnapshots: inc?.snapshots === true,
    includeContainers: inc?.containers === true,
    ...(input.updateAt !== undefined ? { deprecateAt: input.updateAt } : {}),
  };
  if (including || input.updateAt !== undefined) {
    const id = lifecycle.runner.startImageUpdate(ctx.scope, image.arn, action, input.exclusionRules?.amis);
    return { lifecycleExecutionId: id, resourceArn: image.arn };
  }
  // Record-only change: the image's state, now.
  const next: Image & { arn: string } = { ...image, state: { status: target } };
  if (target === 'DEPRECATED') next.deprecationTime = nowS;
  if (target === 'AVAILABLE') delete next.deprecationTime;
  ctx.services.images.put(ctx.scope, next);
  return { resourceArn: image.arn };
};
