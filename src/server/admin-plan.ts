// POST /_ibex/plan {distributionConfigurationArn, sourceImage}: the preflight report of
// distributing that source with those settings, as the settings' account and Region would.
import { randomUUID } from 'node:crypto';
import { parseArn } from '../domain/arn.js';
import { preflight } from '../engine/preflight.js';
import type { Ctx, Services } from '../operations/handler.js';
import { loadDistributionConfiguration } from '../app/distribution-configurations.js';
import { resolveSource } from '../app/image-source.js';
import { ImagebuilderError } from '../protocol/errors.js';
import { planOuTargets } from '../beyond/ou-plan.js';
import { diffRoute } from './admin-diff.js';

/** Answers a plan request: status and JSON body. `callerAccountId` (when the request carried
 *  credentials) limits it to the caller's own distribution configurations. */
export async function planRoute(services: Services, body: Buffer, callerAccountId?: string): Promise<{ status: number; body: unknown }> {
  let req: { distributionConfigurationArn?: unknown; sourceImage?: unknown };
  try {
    req = JSON.parse(body.toString('utf8') || '{}') as typeof req;
  } catch {
    return { status: 400, body: { message: 'The body must be JSON: {"distributionConfigurationArn": "...", "sourceImage": "..."}' } };
  }
  // A proposed UpdateDistributionConfiguration body (no source): the settings diff instead.
  if (typeof req === 'object' && req !== null && req.sourceImage === undefined && 'distributions' in req) return diffRoute(services, req, callerAccountId);
  if (typeof req !== 'object' || req === null || typeof req.distributionConfigurationArn !== 'string' || typeof req.sourceImage !== 'string') {
    return { status: 400, body: { message: 'distributionConfigurationArn and sourceImage are required strings.' } };
  }
  const parsed = parseArn(req.distributionConfigurationArn);
  if (!parsed || parsed.resourceType !== 'distribution-configuration') {
    return { status: 400, body: { message: `'${req.distributionConfigurationArn}' is not a distribution configuration ARN.` } };
  }
  if (callerAccountId !== undefined && parsed.owner !== callerAccountId) {
    return {
      status: 403,
      body: {
        __type: 'AccessDeniedException',
        message: `You can plan only with your own account's distribution configurations; '${req.distributionConfigurationArn}' belongs to ${parsed.owner}.`,
      },
    };
  }
  const ctx: Ctx = { scope: { accountId: parsed.owner, region: parsed.region }, requestId: randomUUID(), services, now: () => new Date() };
  try {
    const config = loadDistributionConfiguration(ctx, req.distributionConfigurationArn);
    const src = await resolveSource(ctx, req.sourceImage);
    const ouTargets = await planOuTargets(ctx, config.arn);
    const report = await preflight(services.cloud, ctx.scope, {
      ownerAccountId: ctx.scope.accountId,
      imageArn: `arn:aws:imagebuilder:${ctx.scope.region}:${ctx.scope.accountId}:image/${src.name}/${src.version}/0`,
      imageName: src.name,
      source: src.ami,
      distributions: config.distributions,
      template: { buildDate: ctx.now(), buildVersion: services.images.nextBuildNumber(ctx.scope, src.name, src.version) },
      ...(ouTargets.length ? { ouTargets } : {}),
    });
    return { status: 200, body: report };
  } catch (e) {
    if (e instanceof ImagebuilderError) return { status: e.status, body: { __type: e.code, message: e.message } };
    throw e;
  }
}
