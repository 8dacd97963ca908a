// Generated conformance test: walks the model for the input of every implemented operation and,
// for every constraint reachable in it (required, string length, pattern, enum, list and map
// bounds, integer range — nested ones included), sends over HTTP a request that is valid except
// for violating exactly that constraint. Each must get 400, the right error code, and a message
// naming the indexed parameter path. The unmodified valid request of each operation must pass.
//
// Valid values come from a table of hand-written examples per pattern-bearing shape; a pattern
// without an example fails loudly, so a newly implemented operation cannot silently skip cases.
// Every length, size and range bound is also sent exactly at its limit and must be accepted.
//
// Extending it when an operation is implemented: add PATTERN_EXAMPLES for its new pattern-bearing
// shapes (the meta-test lists the missing ones); if its valid request needs an existing resource
// other than a distribution configuration, create it in caseContext() — images and workflow
// executions in imageFixture(), recipes, components, infrastructure configurations and pipelines
// in buildFixtures(), a waiting workflow step in waitingImageFixture(), each chosen by the shapes
// the input reaches — and expose its ARN on GenCtx;
// add member-specific values (cross-field rules) to MEMBER_VALUES / INTEGER_VALUES (and
// MEMBER_LENGTH_VALUES for values of an exact length), and mutually exclusive members to OMITTED.
// A bound no valid request can sit on goes to BOUNDARY_EXCLUSIONS with the reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SHAPES } from '../../src/model/generated/shapes.js';
import { OPERATIONS, type OperationName } from '../../src/model/generated/operations.js';
import type { MemberDef, ShapeDef } from '../../src/model/shape.js';
import { handlers } from '../../src/operations/index.js';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { NOROLE, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';

// ---------------------------------------------------------------------------------------------
// Valid values.

const OWNER = '123456789012';
const REGION = 'us-east-1';

/** Per-case context: the resources created for this case (absent ones get syntactic examples). */
interface GenCtx {
  /** A distribution configuration of the caller. */
  arn: string;
  /** An image build version (from DistributeImage), for image and workflow operations. */
  image?: string;
  workflowExecutionId?: string;
  stepExecutionId?: string;
  /** Build inputs made for the operations that name them (see buildFixtures). */
  infrastructure?: string;
  imageRecipe?: string;
  containerRecipe?: string;
  /** A component build version (`…/x.y.z/1`). */
  component?: string;
  pipeline?: string;
  /** A workflow build of the caller (`…/workflow/build/<name>/1.0.0/1`), for DeleteWorkflow. */
  workflow?: string;
  /** A lifecycle policy of the caller, and an execution (in progress for CancelLifecycleExecution). */
  lifecyclePolicy?: string;
  lifecycleExecutionId?: string;
}

const SOME_IMAGE = 'arn:aws:imagebuilder:us-east-1:123456789012:image/golden-linux/1.0.0/1';
const IB = `arn:aws:imagebuilder:${REGION}:${OWNER}`;
/** An Amazon-owned component: recipes use it, so a recipe fixture depends on no component of the case. */
const AMAZON_COMPONENT = `arn:aws:imagebuilder:${REGION}:aws:component/update-linux/x.x.x`;

/** A component document CreateComponent accepts (YAML with a phases list). */
const COMPONENT_YAML = [
  'name: conformance',
  'schemaVersion: 1.0',
  'phases:',
  '  - name: build',
  '    steps:',
  '      - name: Hello',
  '        action: ExecuteBash',
  '        inputs:',
  '          commands: ["echo hello"]',
  '',
].join('\n');
// Workflows: a BUILD document CreateWorkflow accepts, and the caller's TEST workflow that images
// and pipelines attach (it declares the parameter names the generated requests use, at both
// length bounds, so those bounds are accepted values).
const WORKFLOW_YAML = 'schemaVersion: 1.0\nsteps:\n  - name: Gate\n    action: WaitForAction\n';
const ATTACHED_WORKFLOW_YAML = [
  'schemaVersion: 1.0',
  'parameters:',
  ...['param', 'w', 'w'.repeat(128)].flatMap((n) => [`  - name: ${n}`, '    type: string', '    default: x']),
  'steps:',
  '  - name: Launch',
  '    action: LaunchInstance',
  '    inputs:',
  '      waitFor: ssmAgent',
  '',
].join('\n');
/** Set in before(): the caller's TEST workflow (build ARN). */
let attachedWorkflow = '';
const DOCKERFILE = 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n';

/** `base` padded to exactly `n` characters with a trailing comment line (shorter: a plain string). */
function padded(base: string, n: number, filler: string): string {
  return n <= base.length + 1 ? filler.repeat(n) : `${base}#${'x'.repeat(n - base.length - 1)}`;
}

interface PatternExample {
  /** A valid value (a function, so names and tokens can be unique per case). */
  valid: (ctx: GenCtx) => string;
  /** A value of exactly `n` characters that still matches the pattern (needed with min/max). */
  ofLength?: (n: number) => string;
  /** The pattern itself caps the length (e.g. `{1,512}`), so an over-long value cannot match it. */
  patternCapsLength?: boolean;
  /** A value that breaks the pattern but no length rule (else one is searched for). */
  invalid?: string;
  /**
   * Why no value can break the pattern (e.g. `[^\x00]*`: patterns are ECMAScript regexes matched
   * unanchored, as Smithy specifies, so it matches every string). Its pattern case is left out.
   */
  unbreakable?: string;
}

let nameCounter = 0;

/** Hand-written valid examples for every pattern-bearing shape reachable from implemented inputs. */
const PATTERN_EXAMPLES: Record<string, PatternExample> = {
  AccountId: { valid: () => OWNER, invalid: '12345' },
  AmiNameString: {
    valid: () => 'ami {{ imagebuilder:buildDate }}',
    ofLength: (n) => {
      const suffix = ' {{ imagebuilder:buildDate }}';
      return n <= suffix.length ? 'a'.repeat(n) : 'a'.repeat(n - suffix.length) + suffix;
    },
    invalid: 'bad/name {{ imagebuilder:buildDate }}',
  },
  DistributionConfigurationArn: { valid: (c) => c.arn, invalid: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/x' },
  FilterName: { valid: () => 'name', invalid: 'na-me' },
  ImageBuildVersionArn: { valid: (c) => c.image ?? SOME_IMAGE, invalid: 'arn:aws:imagebuilder:us-east-1:123456789012:image/golden-linux/1.0.0' },
  ImageVersionArnOrBuildVersionArn: { valid: (c) => c.image ?? SOME_IMAGE, invalid: 'arn:aws:imagebuilder:us-east-1:123456789012:image/golden-linux' },
  LogGroupName: { valid: () => '/ibex/conformance', ofLength: (n) => 'l'.repeat(n), invalid: 'bad group!', patternCapsLength: true },
  RoleNameOrArn: { valid: () => 'ImageBuilderRole', ofLength: (n) => 'r'.repeat(n), invalid: 'bad role!' },
  WorkflowExecutionId: { valid: (c) => c.workflowExecutionId ?? 'wf-00000000-0000-0000-0000-000000000000', invalid: 'wf-123' },
  WorkflowStepExecutionId: { valid: (c) => c.stepExecutionId ?? 'step-00000000-0000-0000-0000-000000000000', invalid: 'step-123' },
  FilterValue: { valid: () => 'conformance', invalid: 'a*b' },
  ImageBuilderArn: { valid: (c) => c.arn, invalid: 'arn:aws:imagebuilder:us-east-1:123456789012:bogus/x' },
  LaunchTemplateId: { valid: () => 'lt-0abcd1234efgh5678', invalid: 'lt-short' },
  LicenseConfigurationArn: {
    valid: () => 'arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-0123456789abcdef0123456789abcdef',
    invalid: 'arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-short',
  },
  OrganizationArn: { valid: () => 'arn:aws:organizations::123456789012:organization/o-abcdefghij', invalid: 'arn:aws:organizations::123:organization/x' },
  OrganizationalUnitArn: {
    valid: () => 'arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-ab12-abcdefgh',
    invalid: 'arn:aws:organizations::123456789012:ou/x',
  },
  ResourceName: { valid: () => `conformance-${process.pid}-${++nameCounter}`, invalid: 'bad/name' },
  SsmParameterName: { valid: () => '/ibex/conformance/ami', ofLength: (n) => 'a'.repeat(n), invalid: '/has space' },
  TagKey: { valid: () => 'team', ofLength: (n) => 'k'.repeat(n), invalid: 'aws:reserved' },
  // Build inputs (recipes, components, infrastructure, pipelines).
  ComponentBuildVersionArn: { valid: (c) => c.component ?? `${IB}:component/hello/1.0.0/1`, invalid: `${IB}:component/hello/1.0.0` },
  ComponentVersionArn: { valid: (c) => (c.component ?? `${IB}:component/hello/1.0.0/1`).replace(/\/\d+$/, ''), invalid: `${IB}:component/hello/1.0.0/1` },
  ComponentVersionArnOrBuildVersionArn: { valid: (c) => c.component ?? AMAZON_COMPONENT, invalid: `${IB}:component/hello/1.0` },
  ComponentParameterName: { valid: () => 'param', ofLength: (n) => 'p'.repeat(n), invalid: '\u0000' },
  ComponentParameterValue: { valid: () => 'value', unbreakable: "'[^\\x00]*' matches every string, the empty one included" },
  ContainerRecipeArn: { valid: (c) => c.containerRecipe ?? `${IB}:container-recipe/app/1.0.0`, invalid: `${IB}:container-recipe/app/1.0` },
  HttpTokens: { valid: () => 'required', invalid: 'none' },
  ImagePipelineArn: { valid: (c) => c.pipeline ?? `${IB}:image-pipeline/nightly`, invalid: `${IB}:image-pipeline/Night ly` },
  ImageRecipeArn: { valid: (c) => c.imageRecipe ?? `${IB}:image-recipe/web/1.0.0`, invalid: `${IB}:image-recipe/web/1.0` },
  ImageVersionArn: { valid: (c) => (c.image ?? SOME_IMAGE).replace(/\/\d+$/, ''), invalid: `${IB}:image/golden-linux/1.0.0/1` },
  InfrastructureConfigurationArn: {
    valid: (c) => c.infrastructure ?? `${IB}:infrastructure-configuration/build`,
    invalid: `${IB}:infrastructure-configuration/Build!`,
  },
  InlineComponentData: { valid: () => COMPONENT_YAML, ofLength: (n) => padded(COMPONENT_YAML, n, 'd'), invalid: '\u0000' },
  InlineDockerFileTemplate: { valid: () => DOCKERFILE, ofLength: (n) => padded(DOCKERFILE, n, 'd'), invalid: '\u0000' },
  InstanceProfileNameType: { valid: () => 'EC2InstanceProfileForImageBuilder', ofLength: (n) => 'p'.repeat(n), invalid: 'bad profile!' },
  ParallelGroup: { valid: () => 'group1', ofLength: (n) => 'g'.repeat(n), invalid: '-group', patternCapsLength: true },
  SnsTopicArn: { valid: () => `arn:aws:sns:${REGION}:${OWNER}:ibex-topic`, invalid: `arn:aws:sns:${REGION}:123:ibex-topic` },
  // Only a real IANA zone is accepted (assertTimezone); 'UTC' is exactly the minimum length.
  Timezone: { valid: () => 'UTC', ofLength: (n) => (n === 3 ? 'UTC' : 'Z'.repeat(n)), invalid: '!!!!!' },
  // Base64: only lengths that are a multiple of 4 match, so the odd maximum (21847) cannot be sent.
  UserDataOverride: { valid: () => 'ZWNobyBoaQ==', ofLength: (n) => 'A'.repeat(n), invalid: 'not base64!' },
  VersionNumber: { valid: () => '1.0.0', invalid: '1.0' },
  WildcardVersionNumber: { valid: () => '1.0.0', invalid: '1.0' },
  WorkflowParameterName: { valid: () => 'param', ofLength: (n) => 'w'.repeat(n), invalid: '\u0000' },
  WorkflowParameterValue: { valid: () => 'value', unbreakable: "'[^\\x00]*' matches every string, the empty one included" },
  // Lifecycle policies and executions, Marketplace (issue #14 parts 2–4).
  LifecycleExecutionId: { valid: (c) => c.lifecycleExecutionId ?? 'lce-00000000-0000-0000-0000-000000000000', invalid: 'lce-123' },
  LifecyclePolicyArn: {
    valid: (c) => c.lifecyclePolicy ?? `${IB}:lifecycle-policy/cleanup`,
    ofLength: (n) => `${IB}:lifecycle-policy/${'p'.repeat(Math.max(1, n - `${IB}:lifecycle-policy/`.length))}`,
    invalid: `${IB}:lifecycle-policy/Clean Up`,
  },
  MarketplaceResourceLocation: {
    valid: () => 's3://marketplace-bucket/artifact.zip',
    ofLength: (n) => `s3://b/${'k'.repeat(Math.max(1, n - 7))}`,
    invalid: 's3://bucket/',
  },
  WorkflowVersionArnOrBuildVersionArn: {
    valid: () => attachedWorkflow,
    invalid: `arn:aws:imagebuilder:${REGION}:aws:workflow/deploy/build-image/x.x.x`,
  },
  WorkflowBuildVersionArn: {
    valid: (c) => c.workflow ?? `${IB}:workflow/build/gate/1.0.0/1`,
    ofLength: (n) => `${IB}:workflow/build/${'g'.repeat(Math.max(1, n - `${IB}:workflow/build//1.0.0/1`.length))}/1.0.0/1`,
    invalid: `${IB}:workflow/build/gate/1.0.0`,
  },
  WorkflowWildcardVersionArn: { valid: () => attachedWorkflow.replace(/\/\d+$/, ''), invalid: `${IB}:workflow/test/gate/1.0` },
  InlineWorkflowData: { valid: () => WORKFLOW_YAML, ofLength: (n) => padded(WORKFLOW_YAML, n, 'd'), invalid: '\u0000' },
};

/** Values a plain shape cannot know: they depend on where the member sits (and on the case's resources). */
const MEMBER_VALUES: Record<string, (ctx: GenCtx) => unknown> = {
  'Distribution.region': () => REGION,
  'DistributeImageRequest.sourceImage': () => SOURCE_AMI,
  ClientToken: () => randomUUID(),
  // A parent image must exist: the owner's AMI of the test world.
  'CreateImageRecipeRequest.parentImage': () => SOURCE_AMI,
  'CreateContainerRecipeRequest.parentImage': () => 'amazonlinux:2023',
  'TargetContainerRepository.repositoryName': () => 'app',
  // A dry run answers DryRunOperationException instead of creating the component.
  'CreateComponentRequest.dryRun': () => false,
  'CreateWorkflowRequest.dryRun': () => false,
  'Schedule.scheduleExpression': () => 'cron(0 3 * * ? *)',
  // Lifecycle rules beyond the model (lifecycle-policies.ts): an AGE filter with a unit, AMI
  // policies include no containers, snapshots only in DELETE rules (DELETE is the first action).
  'LifecyclePolicyDetailFilter.type': () => 'AGE',
  'LifecyclePolicyDetailActionIncludeResources.containers': () => false,
  // StartResourceStateUpdate: deprecate with the AMIs (snapshots and containers only for DELETED).
  'ResourceState.status': () => 'DEPRECATED',
  'ResourceStateUpdateIncludeResources.snapshots': () => false,
  'ResourceStateUpdateIncludeResources.containers': () => false,
  // A resource policy is an IAM document that names the resource it is attached to.
  'PutImagePolicyRequest.policy': (c) => resourcePolicy(c.image ?? SOME_IMAGE, 'imagebuilder:GetImage'),
  'PutComponentPolicyRequest.policy': (c) => resourcePolicy(c.component ?? '', 'imagebuilder:GetComponent'),
  'PutImageRecipePolicyRequest.policy': (c) => resourcePolicy(c.imageRecipe ?? '', 'imagebuilder:GetImageRecipe'),
  'PutContainerRecipePolicyRequest.policy': (c) => resourcePolicy(c.containerRecipe ?? '', 'imagebuilder:GetContainerRecipe'),
  // Imports: a VM Import task id, a readable S3 object (made in before()), a platform name.
  'ImportVmImageRequest.vmImportTaskId': () => 'import-ami-0123456789abcdef0',
  'ImportDiskImageRequest.uri': () => ISO_URI,
  'ImportDiskImageRequest.platform': () => 'Windows',
  // Scan findings filter on the names AWS documents.
  'ImageScanFindingsFilter.name': () => 'severity',
  'ListImageScanFindingAggregationsRequest.filter': () => ({ name: 'accountId', values: [OWNER] }),
};

/** An object in the test world's bucket that ImportDiskImage reads. */
const ISO_URI = 's3://ibex-test-exports/iso/conformance.iso';

function resourcePolicy(arn: string, action: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [TARGET] }, Action: action, Resource: arn }] });
}
const INTEGER_VALUES: Record<string, number> = {
  MaxParallelLaunches: 6, // cross-field rule: fast launch needs at least 6 (distribution-rules.ts)
  RestrictedInteger: 25,
};

/**
 * Values of exactly `n` characters for members whose valid strings depend on where they sit
 * (undefined when no valid value has that length): a schedule is a cron expression whose year
 * field lists distinct years (1970–2199) and whose minute field lists distinct minutes.
 */
const MEMBER_LENGTH_VALUES: Record<string, (n: number) => string | undefined> = {
  'Schedule.scheduleExpression': (n) => {
    for (let years = 1; years <= 230; years++) {
      for (let minutes = 1; minutes <= 60; minutes++) {
        const m = Array.from({ length: minutes }, (_, i) => i).join(',');
        const y = Array.from({ length: years }, (_, i) => 1970 + i).join(',');
        const e = `cron(${m} 3 * * ? ${y})`;
        if (e.length === n) return e;
        if (e.length > n) break;
      }
    }
    return undefined;
  },
};

/**
 * Members left out of the valid base request. Each is only added when a case targets something
 * inside it. Mutually exclusive siblings (the rule "launchTemplateId or launchTemplateName, not
 * both") are listed with the sibling to remove when the omitted member is added.
 */
const OMITTED: Record<string, { removes?: string[] }> = {
  'FastLaunchLaunchTemplateSpecification.launchTemplateName': { removes: ['launchTemplateId'] },
  // Exactly one recipe (image-builds.ts), one component source, one Dockerfile source.
  'CreateImageRequest.containerRecipeArn': { removes: ['imageRecipeArn'] },
  'CreateImagePipelineRequest.containerRecipeArn': { removes: ['imageRecipeArn'] },
  'UpdateImagePipelineRequest.containerRecipeArn': { removes: ['imageRecipeArn'] },
  'CreateComponentRequest.uri': { removes: ['data'] },
  'CreateWorkflowRequest.uri': { removes: ['data'] },
  'CreateContainerRecipeRequest.dockerfileTemplateUri': { removes: ['dockerfileTemplateData'] },
  // Recipes xor tags; a future updateAt only deprecates; one component source.
  'LifecyclePolicyResourceSelection.tagMap': { removes: ['recipes'] },
  'StartResourceStateUpdateRequest.updateAt': {},
  'ImportComponentRequest.uri': { removes: ['data'] },
};

/** A valid nextToken only comes from a previous page (a forged one is InvalidPaginationToken), so it is left out. */
function omitted(shapeName: string, member: string): boolean {
  return OMITTED[`${shapeName}.${member}`] !== undefined || (member === 'nextToken' && shapeName.endsWith('Request'));
}

function shape(name: string): ShapeDef {
  const s = SHAPES[name];
  if (!s) throw new Error(`shape ${name} is not in the model`);
  return s;
}

function patternExample(shapeName: string): PatternExample {
  const ex = PATTERN_EXAMPLES[shapeName];
  if (!ex) {
    throw new Error(
      `No valid example for pattern-bearing shape '${shapeName}' (${shape(shapeName).pattern}). Add one to PATTERN_EXAMPLES in test/conformance/constraints.test.ts.`,
    );
  }
  return ex;
}

/** A valid value of a shape, as a member `memberKey` ('Parent.member') of its parent. */
function valid(shapeName: string, ctx: GenCtx, memberKey = ''): unknown {
  const special = MEMBER_VALUES[memberKey] ?? MEMBER_VALUES[shapeName];
  if (special) return special(ctx);
  const s = shape(shapeName);
  switch (s.type) {
    case 'string':
      if (s.enum) return s.enum[0];
      if (s.pattern) return patternExample(shapeName).valid(ctx);
      return 'x'.repeat(Math.min(Math.max(s.min ?? 1, 5), s.max ?? Infinity));
    case 'integer':
    case 'long':
      return INTEGER_VALUES[shapeName] ?? Math.max(s.min ?? 1, 1);
    case 'double':
      return Math.max(s.min ?? 1, 1);
    case 'boolean':
      return true;
    case 'timestamp':
      return 1_700_000_000;
    case 'list':
      return [valid(s.member!, ctx)];
    case 'map':
      return { [validMapKey(s.key!, ctx, 0)]: valid(s.value!, ctx) };
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [mn, m] of Object.entries(s.members ?? {})) {
        if (omitted(shapeName, mn)) continue;
        out[mn] = valid(m.shape, ctx, `${shapeName}.${mn}`);
      }
      return out;
    }
  }
}

function validMapKey(keyShape: string, ctx: GenCtx, i: number): string {
  const base = valid(keyShape, ctx) as string;
  return i === 0 ? base : `${base}${i}`;
}

/** `n` valid items / entries, used for list and map size violations. */
function validOfSize(shapeName: string, n: number, ctx: GenCtx): unknown {
  const s = shape(shapeName);
  if (s.type === 'list') return Array.from({ length: n }, () => valid(s.member!, ctx));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) out[validMapKey(s.key!, ctx, i)] = valid(s.value!, ctx);
  return out;
}

/** A string of length `n` that satisfies the shape's pattern where possible. */
function stringOfLength(shapeName: string, n: number): string {
  const s = shape(shapeName);
  if (!s.pattern) return 'x'.repeat(n);
  const ex = patternExample(shapeName);
  if (!ex.ofLength) {
    throw new Error(`Shape '${shapeName}' has a pattern and a length bound: add ofLength to its PATTERN_EXAMPLES entry.`);
  }
  return ex.ofLength(n);
}

function lengthOf(str: string): number {
  return [...str].length;
}

/** A value that breaks the shape's pattern but none of its length bounds. */
function patternBreaker(shapeName: string): string {
  const s = shape(shapeName);
  const re = new RegExp(s.pattern!);
  const ex = patternExample(shapeName);
  const fitsLength = (v: string) => (s.min === undefined || lengthOf(v) >= s.min) && (s.max === undefined || lengthOf(v) <= s.max);
  const candidates = [ex.invalid, '!', '!!!!!', 'a b c!', '#invalid#'].filter((c): c is string => c !== undefined);
  const found = candidates.find((c) => !re.test(c) && fitsLength(c));
  if (found === undefined) throw new Error(`No pattern-breaking value found for '${shapeName}' (${s.pattern}); add 'invalid' to its example.`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Constraint sites.

type Step = string | number | { mapKey: true };

/** One constraint violation: where, what kind, and how to put it into the valid request. */
interface Site {
  /** Steps from the input root to the value to change. */
  steps: Step[];
  /** The parameter path the error message must name. */
  path: string;
  constraint: string;
  /** The offending value; `undefined` removes the member (required). */
  value: (ctx: GenCtx) => unknown;
  /** Regex the error detail must match (the kind of rule reported). */
  detail: RegExp;
  kind: 'required' | 'string-min' | 'string-max' | 'enum' | 'pattern' | 'value-min' | 'value-max' | 'list-min' | 'list-max' | 'map-min' | 'map-max';
  /** The shape whose constraint this is. */
  shape: string;
  /** The value exactly at the bound (length, size and range constraints): it must be accepted. */
  boundary?: (ctx: GenCtx) => unknown;
  /** Put a valid distribution of another Region first, so the site sits at distributions[1]. */
  prependDistribution?: boolean;
  /** Which member binding the final step uses (for HTTP serialization limits). */
  location?: MemberDef['location'];
}

function renderPath(steps: Step[]): string {
  let p = '';
  for (const s of steps) {
    if (typeof s === 'number') p += `[${s}]`;
    else if (typeof s === 'string') p += p ? `.${s}` : s;
  }
  return p;
}

const LENGTH_MIN = /length greater than or equal to/;
const LENGTH_MAX = /length less than or equal to/;
const VALUE_MIN = /value greater than or equal to/;
const VALUE_MAX = /value less than or equal to/;

/** Every constraint of `shapeName` (a value at `steps`), nested ones included. */
function constraintSites(shapeName: string, steps: Step[], location?: MemberDef['location'], visiting = new Set<string>(), memberKey = ''): Site[] {
  const s = shape(shapeName);
  const ofLength = (n: number) => MEMBER_LENGTH_VALUES[memberKey]?.(n) ?? stringOfLength(shapeName, n);
  const path = renderPath(steps);
  const out: Site[] = [];
  const add = (kind: Site['kind'], constraint: string, value: Site['value'], detail: RegExp, boundary?: Site['value']) =>
    out.push({ steps, path, kind, constraint, value, detail, shape: shapeName, ...(boundary ? { boundary } : {}), ...(location ? { location } : {}) });
  switch (s.type) {
    case 'string':
      if (s.min !== undefined && s.min > 0)
        add(
          'string-min',
          `${shapeName} min length ${s.min}`,
          () => ofLength(s.min! - 1),
          LENGTH_MIN,
          () => ofLength(s.min!),
        );
      if (s.max !== undefined)
        add(
          'string-max',
          `${shapeName} max length ${s.max}`,
          () => ofLength(s.max! + 1),
          LENGTH_MAX,
          () => ofLength(s.max!),
        );
      if (s.enum) add('enum', `${shapeName} enum`, () => 'NOT_A_MODELLED_VALUE', /enum value set/);
      if (s.pattern && !PATTERN_EXAMPLES[shapeName]?.unbreakable) add('pattern', `${shapeName} pattern`, () => patternBreaker(shapeName), /must match pattern/);
      break;
    case 'integer':
    case 'long':
    case 'double':
      if (s.min !== undefined)
        add(
          'value-min',
          `${shapeName} min value ${s.min}`,
          () => s.min! - 1,
          VALUE_MIN,
          () => s.min!,
        );
      if (s.max !== undefined)
        add(
          'value-max',
          `${shapeName} max value ${s.max}`,
          () => s.max! + 1,
          VALUE_MAX,
          () => s.max!,
        );
      break;
    case 'list':
      if (s.min !== undefined && s.min > 0)
        add(
          'list-min',
          `${shapeName} min size ${s.min}`,
          (c) => validOfSize(shapeName, s.min! - 1, c),
          LENGTH_MIN,
          (c) => validOfSize(shapeName, s.min!, c),
        );
      if (s.max !== undefined)
        add(
          'list-max',
          `${shapeName} max size ${s.max}`,
          (c) => validOfSize(shapeName, s.max! + 1, c),
          LENGTH_MAX,
          (c) => validOfSize(shapeName, s.max!, c),
        );
      if (!visiting.has(s.member!)) out.push(...constraintSites(s.member!, [...steps, 0], location, visiting));
      break;
    case 'map': {
      if (s.min !== undefined && s.min > 0)
        add(
          'map-min',
          `${shapeName} min size ${s.min}`,
          (c) => validOfSize(shapeName, s.min! - 1, c),
          LENGTH_MIN,
          (c) => validOfSize(shapeName, s.min!, c),
        );
      if (s.max !== undefined)
        add(
          'map-max',
          `${shapeName} max size ${s.max}`,
          (c) => validOfSize(shapeName, s.max! + 1, c),
          LENGTH_MAX,
          (c) => validOfSize(shapeName, s.max!, c),
        );
      // A bad key is reported at the map's own path; a bad value at `<map>.<key>`.
      for (const k of constraintSites(s.key!, [], undefined, visiting)) {
        out.push({
          steps: [...steps, { mapKey: true }],
          path,
          constraint: `${shapeName} key: ${k.constraint}`,
          kind: k.kind,
          shape: k.shape,
          value: k.value,
          ...(k.boundary ? { boundary: k.boundary } : {}),
          detail: k.detail,
        });
      }
      for (const v of constraintSites(s.value!, [], undefined, visiting)) {
        // The value sits under the first valid key (a fixed example, independent of the case).
        const key = validMapKey(s.key!, { arn: '' }, 0);
        out.push({ ...v, steps: [...steps, key], path: `${path}.${key}`, constraint: `${shapeName} value: ${v.constraint}` });
      }
      break;
    }
    case 'structure': {
      if (visiting.has(shapeName)) break;
      const inner = new Set(visiting).add(shapeName);
      for (const req of s.required ?? []) {
        const m = s.members![req]!;
        out.push({
          steps: [...steps, req],
          path: renderPath([...steps, req]),
          constraint: `${shapeName}.${req} required`,
          kind: 'required',
          shape: m.shape,
          value: () => undefined,
          detail: /must not be null/,
          ...(m.location ? { location: m.location } : {}),
        });
      }
      for (const [mn, m] of Object.entries(s.members ?? {})) {
        out.push(...constraintSites(m.shape, [...steps, mn], m.location ?? location, inner, `${shapeName}.${mn}`));
      }
      break;
    }
    case 'boolean':
    case 'timestamp':
      break; // the model gives these no constraint to break
  }
  return out;
}

/**
 * Sites HTTP cannot express, excluded with the reason: a path label is never absent (the route
 * would not match — that is a routing error, not a validation one), and a repeated query key
 * cannot carry an empty list (no key at all means the member is absent, covered by 'required').
 */
function expressible(site: Site): boolean {
  if (site.location === 'uri' && site.kind === 'required') return false;
  if (site.location === 'querystring' && site.kind === 'list-min') return false;
  return true;
}

const OTHER_REGION_DISTRIBUTION = { region: 'eu-west-1', amiDistributionConfiguration: { name: 'first {{ imagebuilder:buildDate }}' } };

/**
 * Every site inside `distributions[0]` again at `distributions[1]` (behind a valid distribution
 * of another Region), so the index in the reported path is proven to be the offending item's.
 */
function withSecondDistribution(sites: Site[]): Site[] {
  const out = [...sites];
  for (const site of sites) {
    if (site.steps[0] !== 'distributions' || site.steps[1] !== 0) continue;
    const steps = ['distributions', 1, ...site.steps.slice(2)] as Step[];
    out.push({ ...site, steps, path: site.path.replace(/^distributions\[0\]/, 'distributions[1]'), prependDistribution: true });
  }
  return out;
}

/**
 * Bounds that a valid request cannot sit exactly on, with the reason; every other length, size
 * and range bound is sent exactly at its limit and must be accepted (no off-by-one).
 */
const BOUNDARY_EXCLUSIONS: Array<{ path: RegExp; kind?: Site['kind']; op?: OperationName; why: string }> = [
  { path: /^distributions\[\d+\]\.region$/, why: 'a distribution Region must be a Region code (distribution-rules.ts)' },
  { path: /\.maxParallelLaunches$/, kind: 'value-min', why: 'fast launch needs maxParallelLaunches >= 6 (distribution-rules.ts)' },
  { path: /^nextToken$/, why: 'a nextToken must come from a previous page' },
  { path: /^sourceImage$/, why: 'the source image must exist in the world (any other string is ResourceNotFound)' },
  {
    path: /^parentImage$/,
    op: 'CreateImageRecipe',
    why: 'the parent must resolve to an existing AMI (an AMI id or an image ARN; anything else is not valid or ResourceNotFound), and none is 1 or 1024 characters long',
  },
  { path: /^data$/, kind: 'string-min', op: 'CreateComponent', why: "a 1-character document is not a YAML map with a 'phases' list (CreateComponent.ts)" },
  {
    path: /^workflowBuildVersionArn$/,
    kind: 'string-max',
    op: 'DeleteWorkflow',
    why: 'a 1024-character workflow ARN needs a name longer than ResourceName allows (128), so no such workflow can exist',
  },
  { path: /^data$/, kind: 'string-min', op: 'CreateWorkflow', why: 'a 1-character document has no schemaVersion and steps (src/workflows/document.ts)' },
  { path: /\.scheduleExpression$/, kind: 'string-min', why: 'no cron() or rate() expression is 1 character long' },
  { path: /\.timezone$/, kind: 'string-max', why: 'the time zone must be an IANA name (assertTimezone) and none is 100 characters long' },
  {
    path: /^lifecyclePolicyArn$/,
    kind: 'string-max',
    why: 'policy names are at most 128 characters, so no existing policy has a 1024-character ARN (any other is ResourceNotFound)',
  },
  {
    path: /^policyDetails$/,
    kind: 'list-max',
    why: 'at most one rule per action type (lifecycle-policies.ts): three copies of one valid rule repeat its action',
  },
  {
    path: /^policy$/,
    why: 'a resource policy must be a JSON document naming the case’s own resource ARN (resource-policies.ts); no such document is 1 character long, and the 30000-character one would need that ARN at generation time',
  },
  { path: /^vmImportTaskId$/, op: 'ImportVmImage', why: 'the task id must look like import-ami-<hex> (ImportVmImage.ts); none is 1 or 1024 characters long' },
  { path: /^uri$/, why: 'the URI must name an existing S3 object (s3-objects.ts)' },
  { path: /^platform$/, op: 'ImportDiskImage', why: 'the platform must be Windows, Linux or macOS (ImportDiskImage.ts)' },
  { path: /^resourceLocation$/, op: 'GetMarketplaceResource', why: 'GetMarketplaceResource never succeeds in a world without Marketplace subscriptions' },
];

/**
 * Operations whose valid request cannot succeed in ibex's world, with the answer it must get
 * instead (documented in docs/known-differences.md).
 */
const NOT_200: Partial<Record<OperationName, { status: number; code: string; why: string }>> = {
  GetMarketplaceResource: { status: 400, code: 'InvalidRequestException', why: 'the world has no AWS Marketplace subscriptions' },
};

/** The sites whose exact bound is a valid value, each with the value at the bound. */
function boundarySites(opName: OperationName, sites: Site[]): Site[] {
  return sites.filter((site) => {
    if (!site.boundary || site.prependDistribution) return false;
    if (BOUNDARY_EXCLUSIONS.some((x) => x.path.test(site.path) && (!x.kind || x.kind === site.kind) && (!x.op || x.op === opName))) return false;
    // A string bound that the shape's own pattern forbids (e.g. a 1-character AMI name) is not a valid value.
    const sh = shape(site.shape);
    if (sh.type === 'string' && sh.pattern) {
      let v: unknown;
      try {
        v = site.boundary({ arn: '' });
      } catch {
        return true; // a missing example: keep the case, so it fails with the explanation
      }
      if (typeof v === 'string' && !new RegExp(sh.pattern).test(v)) return false;
    }
    return true;
  });
}

/** Applies a site to a deep copy of `base`, creating omitted members on the way. */
function applySite(base: Record<string, unknown>, inputShape: string, site: Site, ctx: GenCtx): Record<string, unknown> {
  const root = structuredClone(base);
  // `node` is the container the current step indexes into; `shName` its shape.
  let node: unknown = root;
  let shName = inputShape;
  for (let i = 0; i < site.steps.length; i++) {
    const step = site.steps[i]!;
    const last = i === site.steps.length - 1;
    const sh = shape(shName);
    if (typeof step === 'object') {
      // A bad map key: the map keeps a single entry, under that key.
      const map = node as Record<string, unknown>;
      for (const k of Object.keys(map)) delete map[k];
      map[site.value(ctx) as string] = valid(sh.value!, ctx);
      return root;
    }
    let childShape: string;
    const container = node as Record<string | number, unknown>;
    if (sh.type === 'structure') {
      const member = sh.members![step as string];
      if (!member) throw new Error(`${shName} has no member ${String(step)}`);
      for (const r of OMITTED[`${shName}.${step}`]?.removes ?? []) delete container[r];
      childShape = member.shape;
      if (!last && container[step] === undefined) container[step] = valid(childShape, ctx, `${shName}.${step}`);
    } else if (sh.type === 'list') {
      childShape = sh.member!;
    } else if (sh.type === 'map') {
      childShape = sh.value!;
    } else {
      throw new Error(`cannot step into ${shName} (${sh.type})`);
    }
    if (last) {
      const v = site.value(ctx);
      if (v === undefined) delete container[step];
      else container[step] = v;
      return root;
    }
    node = container[step];
    shName = childShape;
  }
  throw new Error(`site ${site.constraint} has no steps`);
}

// ---------------------------------------------------------------------------------------------
// HTTP.

let srv: IbexServer;
const AUTH = `AWS4-HMAC-SHA256 Credential=${OWNER}/20260101/${REGION}/imagebuilder/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

interface WireResult {
  status: number;
  errorType: string | null;
  body: Record<string, unknown>;
}

/** Serializes `input` the rest-json way for `opName` and sends it. */
async function send(opName: OperationName, input: Record<string, unknown>): Promise<WireResult> {
  const op = OPERATIONS[opName];
  const inShape = shape(op.input!);
  let uri = op.uri;
  const query = new URLSearchParams();
  const body: Record<string, unknown> = {};
  for (const [mn, m] of Object.entries(inShape.members ?? {})) {
    const v = input[mn];
    if (v === undefined) continue;
    if (m.location === 'uri') {
      uri = uri.replace(`{${m.locationName ?? mn}}`, encodeURIComponent(String(v)));
    } else if (m.location === 'querystring') {
      const key = m.locationName ?? mn;
      if (Array.isArray(v)) for (const item of v) query.append(key, String(item));
      else query.append(key, String(v));
    } else if (m.location === 'header') {
      throw new Error(`header-bound member ${opName}.${mn}: teach the conformance sender about headers`);
    } else {
      body[mn] = v;
    }
  }
  const qs = query.toString();
  const hasBody = op.method === 'PUT' || op.method === 'POST';
  const res = await fetch(`${srv.url}${uri}${qs ? `?${qs.replace(/\+/g, '%20')}` : ''}`, {
    method: op.method,
    headers: {
      authorization: AUTH,
      'x-amz-date': '20260101T000000Z',
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(hasBody ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A fresh distribution configuration of the caller, for operations that take an ARN. */
async function createFixture(): Promise<string> {
  const r = await send('CreateDistributionConfiguration', {
    name: `fixture-${++nameCounter}`,
    clientToken: randomUUID(),
    distributions: [{ region: REGION, amiDistributionConfiguration: { name: 'fx {{ imagebuilder:buildDate }}' } }],
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.distributionConfigurationArn as string;
}

/** Shapes whose valid value is a resource made by DistributeImage. */
const IMAGE_SHAPES = ['ImageBuildVersionArn', 'ImageVersionArnOrBuildVersionArn', 'ImageVersionArn', 'WorkflowExecutionId', 'WorkflowStepExecutionId'];
/** Shapes whose valid value is a component build of the caller. */
const COMPONENT_SHAPES = ['ComponentBuildVersionArn', 'ComponentVersionArn', 'ComponentVersionArnOrBuildVersionArn'];

/** Whether the input of `opName` reaches one of `shapes`. */
function reaches(opName: OperationName, shapes: string[]): boolean {
  const seen = new Set<string>();
  const walk = (n: string): boolean => {
    if (seen.has(n)) return false;
    seen.add(n);
    if (shapes.includes(n)) return true;
    const s = shape(n);
    return [...Object.values(s.members ?? {}).map((m) => m.shape), s.member, s.key, s.value].some((c) => c !== undefined && walk(c));
  };
  return walk(OPERATIONS[opName].input!);
}

async function created(opName: OperationName, input: Record<string, unknown>, arnField: string): Promise<string> {
  const r = await send(opName, { clientToken: randomUUID(), ...input });
  assert.equal(r.status, 200, `fixture ${opName}: ${JSON.stringify(r.body)}`);
  return r.body[arnField] as string;
}

/**
 * The build inputs the operation names, each new (unique names) so that a Delete or an Update
 * touches nothing another case uses: a component, an image recipe (on the owner's AMI, with an
 * Amazon component), a container recipe, an infrastructure configuration and a pipeline of them.
 */
async function buildFixtures(opName: OperationName, configArn: string): Promise<Partial<GenCtx>> {
  const out: Partial<GenCtx> = {};
  const n = () => `fixture-${process.pid}-${++nameCounter}`;
  const needsPipeline = reaches(opName, ['ImagePipelineArn']);
  if (reaches(opName, COMPONENT_SHAPES)) {
    out.component = await created(
      'CreateComponent',
      { name: n(), semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT_YAML },
      'componentBuildVersionArn',
    );
  }
  if (needsPipeline || reaches(opName, ['ImageRecipeArn'])) {
    out.imageRecipe = await created(
      'CreateImageRecipe',
      { name: n(), semanticVersion: '1.0.0', parentImage: SOURCE_AMI, components: [{ componentArn: AMAZON_COMPONENT }] },
      'imageRecipeArn',
    );
  }
  if (reaches(opName, ['ContainerRecipeArn'])) {
    out.containerRecipe = await created(
      'CreateContainerRecipe',
      {
        name: n(),
        semanticVersion: '1.0.0',
        containerType: 'DOCKER',
        parentImage: 'amazonlinux:2023',
        dockerfileTemplateData: DOCKERFILE,
        targetRepository: { service: 'ECR', repositoryName: 'app' },
        components: [{ componentArn: AMAZON_COMPONENT }],
      },
      'containerRecipeArn',
    );
  }
  if (needsPipeline || reaches(opName, ['InfrastructureConfigurationArn'])) {
    out.infrastructure = await created(
      'CreateInfrastructureConfiguration',
      { name: n(), instanceProfileName: 'EC2InstanceProfileForImageBuilder' },
      'infrastructureConfigurationArn',
    );
  }
  if (reaches(opName, ['WorkflowBuildVersionArn'])) {
    out.workflow = await created('CreateWorkflow', { name: n(), semanticVersion: '1.0.0', type: 'BUILD', data: WORKFLOW_YAML }, 'workflowBuildVersionArn');
  }
  if (needsPipeline) {
    out.pipeline = await created(
      'CreateImagePipeline',
      { name: n(), imageRecipeArn: out.imageRecipe, infrastructureConfigurationArn: out.infrastructure, distributionConfigurationArn: configArn },
      'imagePipelineArn',
    );
  }
  return out;
}

async function setTimings(t: Record<string, number>): Promise<void> {
  const r = await fetch(`${srv.url}/_ibex/timings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(t) });
  assert.equal(r.status, 200, await r.text());
}

async function imageStatus(arn: string): Promise<string> {
  const r = await send('GetImage', { imageBuildVersionArn: arn });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.image as { state?: { status?: string } }).state?.status ?? '';
}

/** Polls until the image reaches one of `statuses` (bounded). */
async function waitForStatus(arn: string, statuses: string[]): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const status = await imageStatus(arn);
    if (statuses.includes(status)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`image ${arn} never reached ${statuses.join('/')}`);
}

async function distribute(configArn: string): Promise<string> {
  const r = await send('DistributeImage', {
    sourceImage: SOURCE_AMI,
    distributionConfigurationArn: configArn,
    executionRole: 'ImageBuilderRole',
    clientToken: randomUUID(),
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.imageBuildVersionArn as string;
}

/**
 * An image in the state the operation needs: FAILED for RetryImage (a target account without
 * the cross-account role), still distributing for CancelImageCreation (a copy that takes an
 * hour of simulated time), AVAILABLE with its workflow and step executions for the rest.
 */
async function imageFixture(opName: OperationName, configArn: string): Promise<Partial<GenCtx>> {
  if (opName === 'RetryImage') {
    const r = await send('CreateDistributionConfiguration', {
      name: `failing-${++nameCounter}`,
      clientToken: randomUUID(),
      distributions: [{ region: 'us-west-2', amiDistributionConfiguration: { name: 'f {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET, NOROLE] } }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const image = await distribute(r.body.distributionConfigurationArn as string);
    await waitForStatus(image, ['FAILED']);
    return { image };
  }
  if (opName === 'SendWorkflowStepAction') return waitingImageFixture(configArn);
  if (opName === 'CancelImageCreation') {
    await setTimings({ copyImageMs: 3_600_000 });
    try {
      const image = await distribute(configArn);
      assert.notEqual(['AVAILABLE', 'FAILED', 'CANCELLED'].includes(await imageStatus(image)), true);
      return { image };
    } finally {
      await setTimings({ copyImageMs: 0 });
    }
  }
  const image = await distribute(configArn);
  await waitForStatus(image, ['AVAILABLE']);
  const wf = await send('ListWorkflowExecutions', { imageBuildVersionArn: image });
  assert.equal(wf.status, 200, JSON.stringify(wf.body));
  const workflowExecutionId = (wf.body.workflowExecutions as Array<{ workflowExecutionId: string }>)[0]!.workflowExecutionId;
  const steps = await send('ListWorkflowStepExecutions', { workflowExecutionId });
  assert.equal(steps.status, 200, JSON.stringify(steps.body));
  const stepExecutionId = (steps.body.steps as Array<{ stepExecutionId: string }>)[0]!.stepExecutionId;
  return { image, workflowExecutionId, stepExecutionId };
}

/** An image built with a DISTRIBUTION workflow that waits at a WaitForAction step, and that step. */
async function waitingImageFixture(configArn: string): Promise<Partial<GenCtx>> {
  const n = () => `fixture-${process.pid}-${++nameCounter}`;
  const workflowArn = await created(
    'CreateWorkflow',
    { name: n(), semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: WORKFLOW_YAML },
    'workflowBuildVersionArn',
  );
  const imageRecipeArn = await created(
    'CreateImageRecipe',
    { name: n(), semanticVersion: '1.0.0', parentImage: SOURCE_AMI, components: [{ componentArn: AMAZON_COMPONENT }] },
    'imageRecipeArn',
  );
  const infrastructureConfigurationArn = await created(
    'CreateInfrastructureConfiguration',
    { name: n(), instanceProfileName: 'EC2InstanceProfileForImageBuilder' },
    'infrastructureConfigurationArn',
  );
  const image = await created(
    'CreateImage',
    {
      imageRecipeArn,
      infrastructureConfigurationArn,
      distributionConfigurationArn: configArn,
      executionRole: 'ImageBuilderRole',
      workflows: [{ workflowArn }],
    },
    'imageBuildVersionArn',
  );
  for (let i = 0; i < 500; i++) {
    const r = await send('ListWaitingWorkflowSteps', {});
    const step = (r.body.steps as Array<{ stepExecutionId: string; imageBuildVersionArn: string }>).find((s) => s.imageBuildVersionArn === image);
    if (step) return { image, stepExecutionId: step.stepExecutionId };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`image ${image} never waited`);
}

/**
 * Every case gets its own resources, so a Delete (or a wrongly accepted violation) affects no
 * other case. Violations are refused before any handler runs, so they only need syntactically
 * valid image and workflow ids; requests that must succeed get real ones.
 */
async function caseContext(opName: OperationName, mustSucceed = false): Promise<GenCtx> {
  const arn = await createFixture();
  if (!mustSucceed) return { arn };
  const ctx: GenCtx = { arn, ...(await buildFixtures(opName, arn)), ...(reaches(opName, IMAGE_SHAPES) ? await imageFixture(opName, arn) : {}) };
  return { ...ctx, ...(await lifecycleFixtures(opName, ctx)) };
}

/**
 * A lifecycle policy for the operations that name one; an execution for those that name one —
 * still in progress (a deprecation due in a year) for CancelLifecycleExecution; and, for the
 * Get*Policy reads, a resource policy on the case's resource.
 */
async function lifecycleFixtures(opName: OperationName, ctx: GenCtx): Promise<Partial<GenCtx>> {
  const out: Partial<GenCtx> = {};
  if (reaches(opName, ['LifecyclePolicyArn'])) {
    out.lifecyclePolicy = await created(
      'CreateLifecyclePolicy',
      {
        name: `fixture-${process.pid}-${++nameCounter}`,
        executionRole: 'LifecycleRole',
        resourceType: 'AMI_IMAGE',
        resourceSelection: { tagMap: { team: 'conformance' } },
        policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 5 } }],
      },
      'lifecyclePolicyArn',
    );
  }
  if (reaches(opName, ['LifecycleExecutionId'])) {
    const image = await distribute(ctx.arn);
    await waitForStatus(image, ['AVAILABLE']);
    const r = await send('StartResourceStateUpdate', {
      resourceArn: image,
      state: { status: 'DEPRECATED' },
      executionRole: 'LifecycleRole',
      includeResources: { amis: true },
      clientToken: randomUUID(),
      ...(opName === 'CancelLifecycleExecution' ? { updateAt: Math.floor(Date.now() / 1000) + 365 * 86_400 } : {}),
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.lifecycleExecutionId = r.body.lifecycleExecutionId as string;
  }
  const policyOf: Partial<Record<OperationName, [OperationName, string, string | undefined]>> = {
    GetImagePolicy: ['PutImagePolicy', 'imageArn', ctx.image],
    GetComponentPolicy: ['PutComponentPolicy', 'componentArn', ctx.component],
    GetImageRecipePolicy: ['PutImageRecipePolicy', 'imageRecipeArn', ctx.imageRecipe],
    GetContainerRecipePolicy: ['PutContainerRecipePolicy', 'containerRecipeArn', ctx.containerRecipe],
  };
  const put = policyOf[opName];
  if (put) {
    const [op, member, arn] = put;
    const r = await send(op, { [member]: arn, policy: resourcePolicy(arn!, `imagebuilder:${op.replace(/^Put(\w+)Policy$/, 'Get$1')}`) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  return out;
}

function expectedCode(opName: OperationName): string {
  const errors = OPERATIONS[opName].errors;
  return errors.includes('InvalidParameterException') && !errors.includes('InvalidParameterValueException')
    ? 'InvalidParameterException'
    : 'InvalidParameterValueException';
}

// ---------------------------------------------------------------------------------------------
// The tests.

const IMPLEMENTED = (Object.keys(handlers) as OperationName[]).filter((n) => handlers[n] !== null).sort();

before(async () => {
  srv = await startServer({ inMemory: true, port: 0, host: '127.0.0.1', logLevel: 'silent', worldSpec: testWorld(), runner: { pollMs: 5 } });
  const r = await send('CreateWorkflow', {
    name: 'conformance-attached',
    semanticVersion: '1.0.0',
    type: 'TEST',
    data: ATTACHED_WORKFLOW_YAML,
    clientToken: randomUUID(),
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  attachedWorkflow = r.body.workflowBuildVersionArn as string;
  await srv.world.ports.s3.putObject({ accountId: OWNER, region: 'us-west-2' }, { bucket: 'ibex-test-exports', key: 'iso/conformance.iso', body: 'iso' });
});
after(() => srv.close());

describe('generated constraint conformance', () => {
  it('covers the implemented operations, each with at least one constraint', () => {
    assert.ok(IMPLEMENTED.length >= 8, `implemented: ${IMPLEMENTED.join(', ')}`);
    for (const op of IMPLEMENTED) {
      const sites = constraintSites(OPERATIONS[op].input!, []).filter(expressible);
      assert.ok(sites.length > 0, `${op} has no testable constraint`);
    }
  });

  it('has a hand-written example for every pattern-bearing shape in the implemented inputs', () => {
    const missing = new Set<string>();
    const seen = new Set<string>();
    const walk = (n: string): void => {
      if (seen.has(n)) return;
      seen.add(n);
      const s = shape(n);
      if (s.type === 'string' && s.pattern && !s.enum && !PATTERN_EXAMPLES[n]) missing.add(`${n} (${s.pattern})`);
      for (const m of Object.values(s.members ?? {})) walk(m.shape);
      for (const c of [s.member, s.key, s.value]) if (c) walk(c);
    };
    for (const op of IMPLEMENTED) walk(OPERATIONS[op].input!);
    assert.deepEqual([...missing], [], 'add these to PATTERN_EXAMPLES in test/conformance/constraints.test.ts');
  });

  it('has valid examples that satisfy their own patterns and length-bound values that still match', () => {
    const ctx = { arn: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/x' };
    for (const [name, ex] of Object.entries(PATTERN_EXAMPLES)) {
      const s = shape(name);
      assert.ok(s.pattern, `${name} has no pattern; drop it from PATTERN_EXAMPLES`);
      const re = new RegExp(s.pattern);
      assert.match(ex.valid(ctx), re, `${name}'s valid example`);
      if (s.max !== undefined && !ex.patternCapsLength) {
        assert.match(stringOfLength(name, s.max + 1), re, `${name}'s over-long value should still match the pattern`);
      }
      if (ex.unbreakable) {
        for (const v of ['', '\u0000', '!', ' ']) assert.match(v, re, `${name} is said to be unbreakable: ${ex.unbreakable}`);
        continue;
      }
      assert.doesNotMatch(patternBreaker(name), re, `${name}'s pattern breaker`);
    }
  });

  for (const opName of IMPLEMENTED) {
    const inputShape = OPERATIONS[opName].input!;
    describe(opName, () => {
      it('accepts the valid request (200)', async () => {
        const ctx = await caseContext(opName, true);
        const input = valid(inputShape, ctx) as Record<string, unknown>;
        const r = await send(opName, input);
        const other = NOT_200[opName];
        if (other) {
          assert.equal(r.status, other.status, `${opName}: ${other.why}`);
          assert.equal(r.errorType, other.code);
          return;
        }
        assert.equal(r.status, 200, `valid ${opName} request failed: ${JSON.stringify(r.body)} (input ${JSON.stringify(input)})`);
      });

      const own = constraintSites(inputShape, []).filter(expressible);
      for (const site of NOT_200[opName] ? [] : boundarySites(opName, own)) {
        it(`accepts ${site.path} exactly at its bound (${site.constraint})`, async () => {
          const ctx = await caseContext(opName, true);
          const base = valid(inputShape, ctx) as Record<string, unknown>;
          const input = applySite(base, inputShape, { ...site, value: site.boundary! }, ctx);
          const r = await send(opName, input);
          assert.equal(r.status, 200, `the bound itself must be accepted: ${JSON.stringify(r.body)}`);
        });
      }
      const sites = withSecondDistribution(own);
      const seen = new Map<string, number>();
      for (const site of sites) {
        const label = `${site.path || '(root)'}: ${site.constraint}`;
        const n = (seen.get(label) ?? 0) + 1;
        seen.set(label, n);
        it(`rejects ${label}${n > 1 ? ` #${n}` : ''}`, async () => {
          const ctx = await caseContext(opName);
          const base = valid(inputShape, ctx) as Record<string, unknown>;
          if (site.prependDistribution) (base.distributions as unknown[]).unshift(structuredClone(OTHER_REGION_DISTRIBUTION));
          const input = applySite(base, inputShape, site, ctx);
          const r = await send(opName, input);
          const code = expectedCode(opName);
          assert.equal(r.status, 400, `expected 400 for ${label}, got ${r.status}: ${JSON.stringify(r.body)}`);
          assert.equal(r.errorType, code);
          assert.equal(r.body.__type, code);
          const message = String(r.body.message);
          const prefix = `The value supplied for parameter '${site.path}' is not valid.`;
          assert.ok(message.startsWith(prefix), `message '${message}' should start with "${prefix}"`);
          assert.match(message, site.detail);
        });
      }
    });
  }
});
