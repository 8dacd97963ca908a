// The step contract's data: for each step kind, the input the plan writes and the output its run
// returns. Both are stored as JSON in the step row, so every field is plain data. Adding a field
// the engine honours means: the model, the plan, this file, one step file (and the cloud port).
import type { LaunchPermission } from '../cloud/ports.js';
import type {
  FastLaunchLaunchTemplateSpecification,
  FastLaunchSnapshotConfiguration,
  LaunchPermissionConfiguration,
  S3ExportConfiguration,
} from '../model/generated/types.js';

/** A step that acts on the AMI another step produced (`imageStepKey(region, account)`). */
interface OnImage {
  imageStep: string;
}

/** What the plan already knows cannot run: the step fails at once with this message. */
interface Plannable {
  planError?: string;
}

/** Every step kind's input. */
export interface StepInputs {
  /** The owner lets a target account launch (and so copy) its AMI in the Region. */
  grantLaunch: OnImage & { userId: string };
  /** A copy from the source AMI (owner) or from the owner's AMI in the Region (target). */
  copyImage: {
    sourceImageId?: string;
    sourceImageStep?: string;
    sourceRegion: string;
    name: string;
    description?: string;
    encrypted?: boolean;
    kmsKeyId?: string;
    tags: Record<string, string>;
  };
  /** Waits for the copy of `copyStep` to become available. */
  waitImage: { copyStep: string };
  /** The source AMI reused as the owner's AMI in its Region: only tagged. */
  tagImage: { imageId: string; tags: Record<string, string> };
  shareImage: OnImage & { launchPermission: LaunchPermissionConfiguration };
  licenseImage: OnImage & { licenseConfigurationArns: string[] };
  launchTemplate: OnImage & { launchTemplateId: string; setDefaultVersion: boolean };
  // dataType absent: the request names none, so an existing parameter keeps its own (SSM refuses a
  // DataType change) and a new one is `text`, SSM's default.
  ssmParameter: OnImage & Plannable & { parameterName: string; dataType?: 'text' | 'aws:ec2:image' };
  exportImage: OnImage & S3ExportConfiguration;
  waitExport: { exportStep: string };
  fastLaunch: OnImage &
    Plannable & {
      maxParallelLaunches?: number;
      snapshotConfiguration?: FastLaunchSnapshotConfiguration;
      launchTemplate?: FastLaunchLaunchTemplateSpecification;
    };
  pushContainer: { repositoryName: string; containerTags: string[]; imageManifest: string; imageDigest: string };
  /** Drift repair only: takes back launch permissions added by hand. */
  revokeLaunch: OnImage & { remove: LaunchPermission[] };
  /** Rollback only: an earlier AMI back into an SSM parameter. */
  setParameter: { parameterName: string; value: string; dataType?: 'text' | 'aws:ec2:image' };
  /** Rollback only: an earlier launch-template version back as the default. */
  setDefaultVersion: { launchTemplateId: string; versionNumber: number; imageId?: string };
}

/** An AMI a step delivered, as later steps and the image's outputResources read it. */
export interface ImageOutput {
  imageId: string;
  name?: string;
  description?: string;
}

/** Every step kind's output (what `outputOf` answers once the step succeeded). */
export interface StepOutputs {
  grantLaunch: { imageId: string; userId: string };
  copyImage: { imageId: string };
  waitImage: ImageOutput & { name: string };
  tagImage: ImageOutput;
  shareImage: { imageId: string; launchPermission: LaunchPermissionConfiguration };
  licenseImage: { imageId: string; licenseConfigurationArns: string[] };
  launchTemplate: { launchTemplateId: string; versionNumber: number; imageId: string; defaultVersion: boolean };
  ssmParameter: { parameterName: string; value: string; version: number };
  exportImage: { imageId: string; exportImageTaskId: string };
  waitExport: { imageId: string; exportImageTaskId: string; s3Bucket: string; s3Key: string };
  fastLaunch: { imageId: string; state: string; maxParallelLaunches?: number };
  pushContainer: { imageUris: string[]; imageDigest: string };
  revokeLaunch: { imageId: string; removed: LaunchPermission[] };
  setParameter: { parameterName: string; value: string; version: number };
  setDefaultVersion: { launchTemplateId: string; versionNumber: number; imageId?: string; defaultVersion: true };
}

export type StepKind = keyof StepInputs;

/** Where a step is in its life (stored in its row). */
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** One durable step of kind K: a single idempotent cloud action. */
export interface PlannedStepOf<K extends StepKind> {
  key: string;
  jobKey: string;
  kind: K;
  /** The account the step acts as (through the cross-account role when not the owner). */
  accountId: string;
  region: string;
  dependsOn: string[];
  input: StepInputs[K];
}

/** Any planned step: a union discriminated by `kind`, so `input` narrows with it. */
export type PlannedStep = { [K in StepKind]: PlannedStepOf<K> }[StepKind];

/** A stored step of kind K with its progress. */
export interface StepRecordOf<K extends StepKind> extends PlannedStepOf<K> {
  status: StepStatus;
  /** Executions started (polls of a copy in progress included). */
  attempts: number;
  /** Retries after retryable errors (the backoff's exponent). */
  retries?: number;
  /** When a step waiting out a backoff or a poll may run again (ISO time). */
  nextAttemptAt?: string;
  output?: StepOutputs[K];
  errorCode?: string;
  error?: string;
  startedAt?: string;
  endedAt?: string;
}

/** Any stored step, discriminated by `kind`. */
export type StepRecord = { [K in StepKind]: StepRecordOf<K> }[StepKind];

/** The AMI a step delivered, when its output is one (any step whose output names an AMI). */
export function imageOutput(s: StepRecord | undefined): ImageOutput | undefined {
  const o = s?.status === 'succeeded' || s?.output ? s.output : undefined;
  return o && 'imageId' in o && typeof o.imageId === 'string' ? (o as ImageOutput) : undefined;
}

/** A stored step back to pending with no progress (RetryImage re-runs it from the start). */
export function asPending(s: StepRecord): StepRecord {
  const { status: _s, attempts: _a, retries: _r, nextAttemptAt: _n, output: _o, errorCode: _c, error: _e, startedAt: _b, endedAt: _d, ...planned } = s;
  return { ...planned, status: 'pending', attempts: 0 } as StepRecord;
}

/** Narrows a step to one kind (for `find`/`filter` over mixed steps). */
export function isKind<K extends StepKind>(kind: K): <S extends { kind: StepKind }>(s: S) => s is Extract<S, { kind: K }> {
  return <S extends { kind: StepKind }>(s: S): s is Extract<S, { kind: K }> => s.kind === kind;
}
