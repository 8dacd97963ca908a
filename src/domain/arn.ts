// Image Builder ARNs: building them from a name (id = name lower-cased, spaces and underscores
// turned into '-', as AWS does) and reading them back into scope, type and id.
import { partitionOf, type Scope } from './scope.js';

/** Every kind of Image Builder resource an ARN names (its first resource segment: a workflow's
 *  ARN is `workflow/<type>/<name>/…`). The ARN builder, the build-resource store and the tag
 *  registry (operations/tagged-resources.ts) are typed by it, so a new kind is added here once
 *  and the registry does not compile until it says whether the kind can be tagged. */
export const RESOURCE_KINDS = [
  'component',
  'container-recipe',
  'distribution-configuration',
  'image',
  'image-pipeline',
  'image-recipe',
  'infrastructure-configuration',
  'lifecycle-policy',
  'workflow',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The kind of a parsed ARN's `resourceType` (`workflow/build` → `workflow`), if Image Builder has it. */
export function resourceKindOf(resourceType: string): ResourceKind | undefined {
  const kind = resourceType.split('/')[0]!;
  return (RESOURCE_KINDS as readonly string[]).includes(kind) ? (kind as ResourceKind) : undefined;
}

/** The parts of an Image Builder ARN. */
export interface ParsedArn {
  partition: string;
  region: string;
  owner: string;
  /** Resource type, e.g. `distribution-configuration`, `image`, `workflow/build`. */
  resourceType: string;
  /** The id segment and any version/build nodes after it. */
  resourceId: string;
}

/** The ARN id AWS derives from a resource name. */
export function idFromName(name: string): string {
  return name.toLowerCase().replace(/[ _]/g, '-');
}

/** Builds `arn:<partition>:imagebuilder:<region>:<account>:<type>/<id>`. */
export function imagebuilderArn(scope: Scope, resourceType: ResourceKind, id: string): string {
  return `arn:${partitionOf(scope.region)}:imagebuilder:${scope.region}:${scope.accountId}:${resourceType}/${id}`;
}

const ARN = /^arn:(aws[^:]*):imagebuilder:([^:]+):([^:]+):(workflow\/[a-z]+|[a-z-]+)\/(.+)$/;

/** Parses an Image Builder ARN, or returns undefined when it is not one. */
export function parseArn(arn: string): ParsedArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, region: m[2]!, owner: m[3]!, resourceType: m[4]!, resourceId: m[5]! };
}
