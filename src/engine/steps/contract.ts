// The step contract: what a step kind declares (its run and its preflight check, over the typed
// input of step-inputs.ts) and what each gets — the cloud ports, a way to act as an account in a
// Region, other steps' outputs and a deterministic token.
import type { CloudPorts, CloudScope } from '../../cloud/ports.js';
import { CloudError } from '../../cloud/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { PlanInput, PlannedJob } from '../plan.js';
import type { StandIns } from '../preflight-stand-ins.js';
import type { PlannedStepOf, StepKind, StepOutputs, StepRecordOf } from '../step-inputs.js';

export interface StepContext {
  cloud: CloudPorts;
  /** The account the run distributes from. */
  ownerAccountId: string;
  /** A scope acting as `accountId` in `region`. */
  as(accountId: string, region: string): Promise<CloudScope>;
  /** Output of the step `stepKey` of the same run when it is of `kind` and succeeded. */
  outputOf<K extends StepKind>(stepKey: string, kind?: K): StepOutputs[K] | undefined;
  /** Idempotency token for this step: the same on every retry and after a crash. */
  token: string;
  /** How long to wait before polling something that is still in progress. */
  pollMs: number;
}

/** What the preflight gives a step's check. */
export interface CheckContext {
  cloud: CloudPorts;
  owner: Scope;
  as(accountId: string, region: string): Promise<CloudScope>;
  /** The plan's input (the settings of every Region, the source). */
  input: PlanInput;
  /** The job the step belongs to. */
  job: PlannedJob;
  sourceEncrypted: boolean;
  /** AMIs to dry-run against in place of those the run will make. */
  standIns: StandIns;
  /** Outcomes AWS allows but users rarely want. */
  warn(message: string): void;
}

/** A step either finished (with output) or must be polled again after `waitMs`. */
export type StepResult<K extends StepKind> = { done: true; output: StepOutputs[K] } | { done: false; waitMs: number; output?: StepOutputs[K] };

/** One step kind: the runner calls `run`, the preflight `check`. */
export interface StepDefinition<K extends StepKind> {
  /** Executes the step's one idempotent cloud action (or one poll of it). */
  run(step: StepRecordOf<K>, cx: StepContext): Promise<StepResult<K>>;
  /**
   * Predicts the run without changing the cloud: describe calls and the step's own request with
   * `DryRun` where the service has it. Throws the CloudError the run would meet.
   */
  check(step: PlannedStepOf<K>, c: CheckContext): Promise<void>;
}

/** Every step kind's definition: a kind without one does not compile. */
export type StepDefinitions = { [K in StepKind]: StepDefinition<K> };

/** A check for a step the preflight cannot predict beyond its job's role (the reason in `why`). */
export function nothingToCheck(why: string): () => Promise<void> {
  void why;
  return () => Promise.resolve();
}

/** The AMI id produced by the step `imageStep`. */
export function imageFrom(imageStep: string, cx: StepContext): string {
  const out = cx.outputOf(imageStep);
  const id = out && 'imageId' in out ? out.imageId : undefined;
  if (typeof id !== 'string') throw new CloudError('ec2', 'InvalidAMIID.NotFound', `No AMI was produced by step ${imageStep}.`, false);
  return id;
}

/** Fails the step at once when the plan already knows it cannot run. */
export function assertPlannable(input: { planError?: string }): void {
  if (typeof input.planError === 'string') throw new CloudError('ec2', 'InvalidParameter', input.planError, false);
}

/** Tags as the EC2 API wants them. */
export function tagList(tags: Record<string, string> | undefined): { key: string; value: string }[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}
