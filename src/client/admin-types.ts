// The admin API's answers (/_ibex/…) as the CLI and the console read them: runs with their jobs
// and steps (Region, account and times as data — never parsed out of a name), rollouts and
// fault rules, and the settings diff. test/client/wire-types.test.ts checks the server's own types
// against these (the diff's: test/console/settings-diff.test.ts).
// The SDK's shape: the body is what a client would send to UpdateDistributionConfiguration.
import type { Distribution } from '@aws-sdk/client-imagebuilder';

/** A step's state in the engine's rows. */
export type StepState = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** A job's state, as the engine reads it from its steps (engine/outcome.ts jobViews). */
export type JobState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'SKIPPED';

/** One step of a run: which job (Region and account) it belongs to, its state and its times. */
export interface RunStepView {
  key: string;
  jobKey: string;
  kind: string;
  region: string;
  accountId: string;
  status: StepState;
  attempts: number;
  startedAt?: string;
  endedAt?: string;
  errorCode?: string;
  error?: string;
}

/** One planned job of a run with its state: Region and account are data. */
export interface RunJobView {
  key: string;
  kind: string;
  region: string;
  /** The account that receives the output. */
  accountId: string;
  title: string;
  /** AMI jobs: where the account came from — `owner`, `targetAccountIds` or an OU ARN. */
  origin?: string;
  status: JobState;
  startTime?: string;
  /** Set once the job finished. */
  endTime?: string;
  error?: string;
  /** The AMI an owner copy was made from, when the job copies one. */
  sourceImageId?: string;
  sourceRegion?: string;
}

/** GET /_ibex/runs/<runId>, and each entry of GET /_ibex/runs?imageBuildVersionArn=. */
export interface RunView {
  runId: string;
  /** The image ARN, with `#ibex:<purpose>:…` for ibex's own runs (catch-up, repair, rollout, rollback). */
  imageArn: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  startTime: string;
  endTime?: string;
  jobs: RunJobView[];
  steps: RunStepView[];
}

/** GET /_ibex/runs?imageBuildVersionArn=: every run of the image, oldest first. */
export interface ImageRunsView {
  imageBuildVersionArn: string;
  runs: RunView[];
}

export type RolloutStatus = 'running' | 'soaking' | 'waiting-approval' | 'halted' | 'succeeded' | 'aborted' | 'rolled-back';

/** The rollout states after which nothing changes. */
export const FINISHED_ROLLOUT_STATES: ReadonlySet<RolloutStatus> = new Set(['succeeded', 'aborted', 'rolled-back']);

export interface RingSpec {
  name: string;
  regions?: string[];
  accounts?: string[];
  organizationalUnits?: string[];
  soakSeconds?: number;
  approval?: boolean;
}

export interface RingState {
  name: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'aborted';
  /** The job keys of the ring; the runs in `runIds` say each job's Region and account. */
  jobs: string[];
  runIds: string[];
  startedAt?: string;
  endedAt?: string;
  soakUntil?: string;
  approvedAt?: string;
  /** The approval gate's WaitForAction step (GetWorkflowStepExecution says its start and timeout). */
  gateStepExecutionId?: string;
  /** The reason given with the approval or the rejection of the gate. */
  gateReason?: string;
  failures?: { jobKey: string; error: string }[];
}

/** The name of ibex's own gate workflow: a rollout's approval gate is a step of it (`Approve-<ring>`). */
export const ROLLOUT_GATE_WORKFLOW = 'ibex-rollout-gate';

export interface Rollout {
  rolloutId: string;
  scope: { accountId: string; region: string };
  distributionConfigurationArn: string;
  imageBuildVersionArn: string;
  rings: RingSpec[];
  ringStates: RingState[];
  status: RolloutStatus;
  /** The index of the ring in hand (or at its gate). */
  current: number;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

/** One re-pointing of a rollback plan (src/beyond/rollback.ts RollbackChange). */
export interface RollbackChange {
  kind: 'ssmParameter' | 'launchTemplate';
  region: string;
  accountId: string;
  /** The parameter name or launch template id. */
  resource: string;
  /** What is there now (the AMI id; for templates the default version and its AMI). */
  from: string;
  /** The earlier image's AMI (and template version). */
  to: string;
  /** `change`: will be written; `unchanged`: already so; `refused`: see `reason`. */
  outcome: 'change' | 'unchanged' | 'refused';
  reason?: string;
}

/** POST /_ibex/rollback's answer: the plan, and the durable run once started. */
export interface RollbackPlan {
  to: string;
  changes: RollbackChange[];
  summary: { change: number; unchanged: number; refused: number };
  runId?: string;
}

/** POST /_ibex/rollouts. */
export interface StartRollout {
  distributionConfigurationArn: string;
  sourceImage: string;
  rings: RingSpec[];
}

/** A fault rule as POST /_ibex/faults takes it and GET /_ibex/faults lists it. */
export interface Fault {
  /** `ec2`, `ecr`, `s3`, `ssm`, `sts`, `iam`, `organizations`, `kms`, `license-manager`. */
  service: string;
  /** AWS operation name (`CopyImage`), or `*`. */
  operation: string;
  accountId?: string;
  region?: string;
  /** The AWS error code to fail with, e.g. `RequestLimitExceeded`. */
  error: string;
  message?: string;
  /** Fail this share of matching calls (0 < p ≤ 1). */
  probability?: number;
  /** Fail the next N matching calls, then stop. */
  times?: number;
}

/** What a settings diff compares (src/beyond/targets.ts TargetKind). */
export type DiffTargetKind = 'copy' | 'launchPermission' | 'ssmParameter' | 'launchTemplate' | 'export' | 'container';

/** One target the proposed settings gain or lose (src/beyond/diff.ts DiffChange). */
export interface SettingsDiffChange {
  change: 'gain' | 'lose';
  key: string;
  kind: DiffTargetKind;
  region: string;
  /** The account that receives it (the owner for launch permissions, exports and containers). */
  accountId: string;
  title: string;
  origin?: string;
  principal?: string;
  parameterName?: string;
  launchTemplateId?: string;
  destination?: string;
  repositoryName?: string;
}

/** POST /_ibex/plan's answer to a proposed UpdateDistributionConfiguration body. */
export interface SettingsDiff {
  distributionConfigurationArn: string;
  changes: SettingsDiffChange[];
  /** Targets both the stored and the proposed settings deliver. */
  unchanged: number;
  summary: { gained: number; lost: number; byKind: Partial<Record<DiffTargetKind, { gained: number; lost: number }>> };
}

/** The body of UpdateDistributionConfiguration, as the diff reads it (nothing is saved). */
export interface ProposedSettings {
  distributionConfigurationArn: string;
  distributions: Distribution[];
  description?: string;
}
