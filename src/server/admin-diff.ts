// POST /_ibex/plan with a proposed UpdateDistributionConfiguration body ({distributionConfigurationArn,
// distributions, description?}): the settings diff — which Regions and accounts would gain or lose
// copies, launch permissions, SSM parameters, launch templates and exports. Changes nothing.
import { randomUUID } from 'node:crypto';
import { diffSettings } from '../beyond/diff.js';
import { planOuTargets } from '../beyond/ou-plan.js';
import { parseArn } from '../domain/arn.js';
import type { Distribution } from '../model/generated/types.js';
import type { Ctx, Services } from '../operations/handler.js';
import { assertDistributionsValid, loadDistributionConfiguration } from '../app/distribution-configurations.js';
import { ImagebuilderError } from '../protocol/errors.js';
import { validateShape, violationMessage } from '../protocol/validate.js';

/** The diff of the proposed body against the stored settings, as the settings' owner. */
export async function diffRoute(services: Services, req: object, callerAccountId?: string): Promise<{ status: number; body: unknown }> {
  const arn = (req as { distributionConfigurationArn?: unknown }).distributionConfigurationArn;
  if (typeof arn !== 'string')
    return { status: 400, body: { message: 'distributionConfigurationArn is required: the settings the proposed update would change.' } };
  const parsed = parseArn(arn);
  if (!parsed || parsed.resourceType !== 'distribution-configuration')
    return { status: 400, body: { message: `'${arn}' is not a distribution configuration ARN.` } };
  if (callerAccountId !== undefined && parsed.owner !== callerAccountId) {
    return {
      status: 403,
      body: {
        __type: 'AccessDeniedException',
        message: `You can diff only your own account's distribution configurations; '${arn}' belongs to ${parsed.owner}.`,
      },
    };
  }
  const ctx: Ctx = { scope: { accountId: parsed.owner, region: parsed.region }, requestId: randomUUID(), services, now: () => new Date() };
  if (!Array.isArray((req as { distributions?: unknown }).distributions))
    return { status: 400, body: { message: 'distributions must be a list of distributions, as in UpdateDistributionConfiguration.' } };
  try {
    // The same checks UpdateDistributionConfiguration makes, so a diff is only shown for an update AWS would accept.
    const v = validateShape({ clientToken: 'ibex-diff', ...req }, 'UpdateDistributionConfigurationRequest');
    if (v) return { status: 400, body: { __type: 'InvalidParameterValueException', message: violationMessage(v) } };
    const proposed = (req as { distributions: Distribution[] }).distributions;
    assertDistributionsValid(ctx, proposed);
    const config = loadDistributionConfiguration(ctx, arn);
    const ouTargets = await planOuTargets(ctx, config.arn);
    return { status: 200, body: diffSettings(config.arn, ctx.scope.accountId, config.distributions, proposed, ouTargets) };
  } catch (e) {
    if (e instanceof ImagebuilderError) return { status: e.status, body: { __type: e.code, message: e.message } };
    throw e;
  }
}
