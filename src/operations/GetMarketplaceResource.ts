// GetMarketplaceResource: the data or artifact of an AWS Marketplace component the caller is
// subscribed to. ibex's world has no AWS Marketplace, so no caller holds a subscription: every
// request that passes validation is answered InvalidRequestException naming that.
import { parseArn } from '../domain/arn.js';
import { InvalidRequestException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const GetMarketplaceResource: Handler<'GetMarketplaceResource'> = async (input) => {
  const p = parseArn(input.resourceArn);
  if (!p || p.resourceType !== 'component') {
    throw new InvalidRequestException(invalidParameter('resourceArn', `'${input.resourceArn}' is not a component ARN.`));
  }
  if (input.resourceType === 'COMPONENT_ARTIFACT' && input.resourceLocation === undefined) {
    throw new InvalidRequestException(invalidParameter('resourceLocation', "COMPONENT_ARTIFACT needs the artifact's resourceLocation."));
  }
  throw new InvalidRequestException(
    `You are not subscribed to an AWS Marketplace product that contains '${input.resourceArn}' (ibex's world has no AWS Marketplace subscriptions).`,
  );
};
