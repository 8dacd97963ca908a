// Resolves an ARN argument to a resource of the caller: checks its Region and account so that
// one account never reads or changes another's resource, and reports AWS's errors.
import { parseArn, type ParsedArn } from './arn.js';
import { InvalidParameterValueException, ResourceNotFoundException } from '../model/generated/errors.js';
import type { ImagebuilderError } from '../model/error-base.js';
import type { Scope } from './scope.js';
import { invalidParameter } from './invalid-parameter.js';

/** Parses `arn` (parameter `param`) and checks it belongs to the caller's account and Region. */
export function ownArn(
  ctx: { scope: Scope },
  arn: string,
  param: string,
  invalid: (msg: string) => ImagebuilderError = (m) => new InvalidParameterValueException(m),
): ParsedArn {
  const parsed = parseArn(arn);
  if (!parsed) throw invalid(invalidParameter(param, `'${arn}' is not a valid Image Builder ARN.`));
  if (parsed.region !== ctx.scope.region) {
    throw invalid(invalidParameter(param, `The Region of the ARN '${parsed.region}' does not match the Region of the request '${ctx.scope.region}'.`));
  }
  // Another account's resource is reported as missing: its existence is not the caller's business.
  if (parsed.owner !== ctx.scope.accountId) throw notFound(arn);
  return parsed;
}

/** AWS's 404 for an unknown resource. */
export function notFound(arn: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`The resource '${arn}' does not exist.`);
}
