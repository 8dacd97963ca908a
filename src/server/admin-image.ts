// Resolves an image build version ARN given to a beyond-AWS admin route to the image's scope, or
// the 400/404 answer to give (the same ResourceNotFoundException text as GetImage).
import { parseArn } from '../domain/arn.js';
import type { Scope } from '../domain/scope.js';
import type { Services } from '../operations/handler.js';
import type { AdminAnswer } from './admin-beyond.js';

export function imageScope(
  services: Services,
  arn: string | null | undefined,
  field = 'imageBuildVersionArn',
  callerAccountId?: string,
): { scope: Scope; arn: string } | { error: AdminAnswer } {
  if (!arn) return { error: { status: 400, body: { message: `${field} is required: the image build version ARN (…:image/<name>/<version>/<build>).` } } };
  const p = parseArn(arn);
  if (!p || p.resourceType !== 'image' || arn.split('/').length !== 4) {
    return {
      error: {
        status: 400,
        body: { message: `'${arn}' is not an image build version ARN (arn:aws:imagebuilder:<region>:<account>:image/<name>/<version>/<build>).` },
      },
    };
  }
  if (callerAccountId !== undefined && p.owner !== callerAccountId) {
    return {
      error: {
        status: 403,
        body: { __type: 'AccessDeniedException', message: `'${arn}' belongs to account ${p.owner}, not to the caller's account ${callerAccountId}.` },
      },
    };
  }
  const scope = { accountId: p.owner, region: p.region };
  if (!services.images.get(scope, arn))
    return { error: { status: 404, body: { __type: 'ResourceNotFoundException', message: `The resource '${arn}' does not exist.` } } };
  return { scope, arn };
}
