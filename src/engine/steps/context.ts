// What a step handler gets: the cloud ports, a way to act as an account in a Region (through the
// cross-account role when it is not the owner), other steps' outputs and a deterministic token.
import type { CloudPorts, CloudScope } from '../../cloud/ports.js';
import { CloudError } from '../../cloud/ports.js';
import type { StepRecord } from '../../store/sqlite/runs.js';

export interface StepContext {
  cloud: CloudPorts;
  /** The account the run distributes from. */
  ownerAccountId: string;
  /** A scope acting as `accountId` in `region`. */
  as(accountId: string, region: string): Promise<CloudScope>;
  /** Output of a step of the same run (undefined until it succeeded). */
  outputOf(stepKey: string): Record<string, unknown> | undefined;
  /** Idempotency token for this step: the same on every retry and after a crash. */
  token: string;
  /** How long to wait before polling something that is still in progress. */
  pollMs: number;
}

/** A step either finished (with output) or must be polled again after `waitMs`. */
export type StepResult = { done: true; output: Record<string, unknown> } | { done: false; waitMs: number; output?: Record<string, unknown> };

/** A step handler. */
export type StepHandler = (step: StepRecord, cx: StepContext) => Promise<StepResult>;

/** The AMI id produced by the step `input.imageStep`. */
export function imageFrom(step: StepRecord, cx: StepContext): string {
  const key = step.input.imageStep as string;
  const id = cx.outputOf(key)?.imageId;
  if (typeof id !== 'string') throw new CloudError('ec2', 'InvalidAMIID.NotFound', `No AMI was produced by step ${key}.`, false);
  return id;
}

/** Fails the step at once when the plan already knows it cannot run. */
export function assertPlannable(step: StepRecord): void {
  const e = step.input.planError;
  if (typeof e === 'string') throw new CloudError('ec2', 'InvalidParameter', e, false);
}

/** Tags as the EC2 API wants them. */
export function tagList(tags: unknown): { key: string; value: string }[] {
  return Object.entries((tags ?? {}) as Record<string, string>).map(([key, value]) => ({ key, value }));
}
