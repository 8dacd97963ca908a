// The simulated build: creates an image build version (PENDING) with snapshots of its recipe,
// infrastructure and distribution configurations, then moves it through BUILDING (the build AMI
// registered from the parent, or the container pushed to ECR) and TESTING, each for the world's
// timing, and hands it to the distribution engine. Every phase is a row in `builds`, advanced by a
// timer loop, so a build in progress resumes after a restart.
import { createHash, randomUUID } from 'node:crypto';
import type { CloudPorts } from '../cloud/ports.js';
import { idFromName } from '../domain/arn.js';
import { imageBuildArn } from '../domain/image-arn.js';
import type { Scope } from '../domain/scope.js';
import type { DistributionService } from '../engine/distribution.js';
import type { OuTarget, SourceAmi, SourceContainer } from '../engine/plan.js';
import { defaultAmiName, expandTemplates } from '../engine/templates.js';
import type {
  ContainerRecipe,
  Distribution,
  DistributionConfiguration,
  Image,
  ImageRecipe,
  InfrastructureConfiguration,
  LatestVersionReferences,
} from '../model/generated/types.js';
import type { PipelineServices } from './services.js';
import type { BuildRow } from '../store/records.js';
import type { BuildStore } from '../store/ports.js';
import type { ImageStore } from '../store/ports.js';
import type { AttachedWorkflow } from '../workflows/attach.js';
import type { StageContext, StageOutcome, WorkflowEngine } from '../workflows/engine.js';
import { osVersionOf } from './amazon.js';
import { resolveParentAmi } from './inputs.js';
import { latestReferences } from '../domain/versions.js';

/** What a build is started from (already resolved and checked by the caller). */
export interface BuildRequest {
  recipe: { kind: 'AMI'; arn: string; body: ImageRecipe } | { kind: 'DOCKER'; arn: string; body: ContainerRecipe };
  infrastructure: InfrastructureConfiguration;
  distribution?: DistributionConfiguration;
  imageTestsConfiguration?: Image['imageTestsConfiguration'];
  enhancedImageMetadataEnabled?: boolean;
  tags?: Record<string, string>;
  buildType: 'USER_INITIATED' | 'SCHEDULED';
  pipeline?: { arn: string; name: string };
  executionRole?: string;
  workflows?: Image['workflows'];
  /** `workflows` resolved (src/workflows/attach.ts); custom ones run on the workflow engine. */
  attachedWorkflows?: AttachedWorkflow[];
  loggingConfiguration?: Image['loggingConfiguration'];
  imageScanningConfiguration?: Image['imageScanningConfiguration'];
  /** The dependency fingerprint the build resolves to (pipelines). */
  fingerprint?: string;
  /** Accounts of the settings' OU-following tag, resolved when the build was requested (src/beyond/ou-plan.ts). */
  ouTargets?: OuTarget[];
}

/** The immutable part of a build row. */
export interface BuildSpec {
  kind: 'AMI' | 'DOCKER';
  imageName: string;
  version: string;
  buildNumber: number;
  buildDate: string;
  parentImage: string;
  platform: 'Linux' | 'Windows';
  description?: string;
  testsEnabled: boolean;
  distributions?: Distribution[];
  repositoryName?: string;
  pipelineArn?: string;
  buildType: 'USER_INITIATED' | 'SCHEDULED';
  /** The custom workflows the workflow engine runs for this build's stages. */
  workflows?: AttachedWorkflow[];
  /** Accounts the settings' OU-following tag adds to the distribution (fixed when the build was requested). */
  ouTargets?: OuTarget[];
}

/** What a build has done so far. */
export interface BuildProgress {
  buildWorkflowId?: string;
  testWorkflowId?: string;
  buildStart?: string;
  buildEnd?: string;
  testStart?: string;
  testEnd?: string;
  amiId?: string;
  amiName?: string;
  imageDigest?: string;
  imageManifest?: string;
  imageUris?: string[];
  failed?: string;
  cancelled?: boolean;
  /** Custom BUILD / TEST workflows: started, then done. */
  customBuild?: 'running' | 'done';
  customTest?: 'running' | 'done';
}

export interface BuilderDeps {
  services: () => PipelineServices;
  builds: BuildStore;
  cloud: CloudPorts;
  distribution: () => DistributionService;
  workflows: () => WorkflowEngine;
  timings: () => { buildMs: number; testMs: number };
  now?: () => number;
  pollMs?: number;
  onError?: (e: unknown) => void;
  /** Called when a build ends without distribution, or fails or is cancelled before it. */
  onSettled?: (scope: Scope, image: Image & { arn: string }) => void;
}

type Status = NonNullable<Image['state']>['status'];
const MAX_PER_TICK = 200;
/** Due time of a build parked while the workflow engine runs one of its stages. */
const PARKED = Number.MAX_SAFE_INTEGER;

/** The workflows the engine runs: custom BUILD and DISTRIBUTION ones; every TEST one once any is custom. */
function engineWorkflows(attached: AttachedWorkflow[] | undefined): AttachedWorkflow[] | undefined {
  if (!attached) return undefined;
  const customTests = attached.some((w) => w.type === 'TEST' && !w.managed);
  const out = attached.filter((w) => (w.type === 'TEST' ? customTests : !w.managed));
  return out.length ? out : undefined;
}

/** Creates builds and advances them. */
export class Builder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly deps: BuilderDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  private get images(): ImageStore {
    return this.deps.services().images;
  }

  /** Inserts a new PENDING image and its build row (in one transaction); returns its ARN. */
  create(scope: Scope, req: BuildRequest): { arn: string; latestVersionReferences: LatestVersionReferences } {
    const s = this.deps.services();
    const r = req.recipe.body;
    const name = r.name!;
    const id = idFromName(name);
    const version = r.version!;
    const created = new Date(this.now());
    let arn = '';
    let refs: LatestVersionReferences = {};
    s.tx(() => {
      const n = this.images.nextBuildNumber(scope, id, version);
      arn = imageBuildArn(scope, id, version, n);
      const platform = (r.platform === 'Windows' ? 'Windows' : 'Linux') as 'Linux' | 'Windows';
      // Listing workflows replaces the defaults: no TEST workflow listed, no test stage.
      const testsEnabled =
        (req.imageTestsConfiguration?.imageTestsEnabled ?? true) && (!req.attachedWorkflows?.length || req.attachedWorkflows.some((w) => w.type === 'TEST'));
      const image: Image & { arn: string; name: string; version: string } = {
        arn,
        name: id,
        version: `${version}/${n}`,
        type: req.recipe.kind,
        platform,
        enhancedImageMetadataEnabled: req.enhancedImageMetadataEnabled ?? true,
        osVersion: osVersionOf(r.parentImage, platform),
        state: { status: 'PENDING' },
        ...(req.recipe.kind === 'AMI' ? { imageRecipe: req.recipe.body } : { containerRecipe: req.recipe.body as ContainerRecipe }),
        ...(req.pipeline ? { sourcePipelineArn: req.pipeline.arn, sourcePipelineName: req.pipeline.name } : {}),
        infrastructureConfiguration: req.infrastructure,
        ...(req.distribution ? { distributionConfiguration: req.distribution } : {}),
        imageTestsConfiguration: { imageTestsEnabled: testsEnabled, timeoutMinutes: req.imageTestsConfiguration?.timeoutMinutes ?? 720 },
        dateCreated: created.toISOString(),
        outputResources: { amis: [] },
        buildType: req.buildType,
        imageSource: 'CUSTOM',
        ...(req.executionRole ? { executionRole: req.executionRole } : {}),
        ...(req.workflows ? { workflows: req.workflows } : {}),
        ...(req.imageScanningConfiguration ? { imageScanningConfiguration: req.imageScanningConfiguration } : {}),
        loggingConfiguration: req.loggingConfiguration ?? { logGroupName: `/aws/imagebuilder/${name}` },
      };
      // The store indexes builds by the ARN's id; the record itself keeps the name as given.
      this.images.insert(scope, image, n);
      this.images.put(scope, { ...image, name });
      if (req.tags && Object.keys(req.tags).length) s.tags.set(scope, arn, req.tags);
      const spec: BuildSpec = {
        kind: req.recipe.kind,
        imageName: name,
        version,
        buildNumber: n,
        buildDate: created.toISOString(),
        parentImage: r.parentImage!,
        platform,
        ...(r.description !== undefined ? { description: r.description } : {}),
        testsEnabled,
        ...(req.distribution ? { distributions: req.distribution.distributions } : {}),
        ...(req.recipe.kind === 'DOCKER' ? { repositoryName: (req.recipe.body as ContainerRecipe).targetRepository!.repositoryName } : {}),
        ...(req.pipeline ? { pipelineArn: req.pipeline.arn } : {}),
        buildType: req.buildType,
        ...(engineWorkflows(req.attachedWorkflows) ? { workflows: engineWorkflows(req.attachedWorkflows)! } : {}),
        ...(req.distribution && req.ouTargets?.length ? { ouTargets: req.ouTargets } : {}),
      };
      this.deps.builds.insert({ scope, imageArn: arn, phase: 'PENDING', dueAt: created.getTime(), spec, progress: {} });
      const all = this.images.buildsByName(scope, id) as (Image & { arn: string })[];
      refs = latestReferences(
        all,
        (i) => i.version ?? '0.0.0',
        (i) => i.arn,
        version,
      );
    });
    this.kick();
    return { arn, latestVersionReferences: refs };
  }

  /** Starts the timer loop (also resumes builds left in progress by a restart). */
  start(): void {
    this.stopped = false;
    this.timer ??= setInterval(() => this.kick(), this.deps.pollMs ?? 50);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Advances every due build now (also used by tests). */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.advanceDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async advanceDue(): Promise<void> {
    for (let i = 0; i < MAX_PER_TICK && !this.stopped; i++) {
      const row = this.deps.builds.due<BuildSpec, BuildProgress>(this.now(), 1)[0];
      if (!row) return;
      try {
        await this.advance(row);
      } catch (e) {
        this.deps.onError?.(e);
        this.fail(row, 'An internal error has occurred.');
      }
    }
  }

  private image(scope: Scope, arn: string): (Image & { arn: string }) | undefined {
    return this.images.get(scope, arn) as (Image & { arn: string }) | undefined;
  }

  /** Moves the image to `status` unless it was cancelled meanwhile; false when it was. */
  private setStatus(row: BuildRow<BuildSpec, BuildProgress>, status: Status, extra: Partial<Image> = {}): boolean {
    const img = this.image(row.scope, row.imageArn);
    if (!img || img.state?.status === 'CANCELLED') {
      this.deps.builds.update(row.scope, row.imageArn, 'DONE', row.dueAt, { ...row.progress, cancelled: true });
      if (img) this.deps.onSettled?.(row.scope, img);
      return false;
    }
    this.images.put(row.scope, { ...img, ...extra, state: { status } });
    return true;
  }

  private fail(row: BuildRow<BuildSpec, BuildProgress>, reason: string): void {
    const img = this.image(row.scope, row.imageArn);
    const now = new Date(this.now()).toISOString();
    const progress: BuildProgress = { ...row.progress, failed: reason };
    if (row.phase === 'PENDING' || row.phase === 'BUILDING') progress.buildEnd ??= now;
    this.deps.builds.update(row.scope, row.imageArn, 'DONE', row.dueAt, progress);
    if (!img || img.state?.status === 'CANCELLED') return;
    const next = { ...img, state: { status: 'FAILED' as const, reason } };
    this.images.put(row.scope, next);
    this.deps.onSettled?.(row.scope, next);
  }

  private async advance(row: BuildRow<BuildSpec, BuildProgress>): Promise<void> {
    const { scope, spec } = row;
    const now = this.now();
    const iso = new Date(now).toISOString();
    const t = this.deps.timings();
    if (row.phase === 'PENDING') {
      const progress: BuildProgress = {
        ...row.progress,
        buildWorkflowId: row.progress.buildWorkflowId ?? `wf-${randomUUID()}`,
        buildStart: row.progress.buildStart ?? iso,
      };
      if (!this.setStatus(row, 'BUILDING')) return;
      const working = { ...row, progress };
      this.deps.builds.update(scope, row.imageArn, 'PENDING', row.dueAt, progress);
      try {
        if (spec.kind === 'AMI') Object.assign(progress, await this.buildAmi(scope, row.imageArn, spec));
        else Object.assign(progress, await this.pushContainer(scope, row.imageArn, spec));
      } catch (e) {
        this.fail(working, failureText(e));
        return;
      }
      this.deps.builds.update(scope, row.imageArn, 'BUILDING', now + t.buildMs, progress);
      return;
    }
    if (row.phase === 'BUILDING') {
      if (this.startWorkflowStage(row, 'BUILD')) return;
      const progress: BuildProgress = { ...row.progress, buildEnd: iso };
      if (spec.testsEnabled) {
        if (!this.setStatus(row, 'TESTING')) return;
        const custom = spec.workflows?.some((w) => w.type === 'TEST');
        // Custom TEST workflows replace the simulated test (and its AWS-managed test-image execution).
        const test = custom ? { testStart: iso } : { testWorkflowId: progress.testWorkflowId ?? `wf-${randomUUID()}`, testStart: iso };
        this.deps.builds.update(scope, row.imageArn, 'TESTING', custom ? now : now + t.testMs, { ...progress, ...test });
      } else {
        this.deps.builds.update(scope, row.imageArn, 'HANDOFF', now, progress);
      }
      return;
    }
    if (row.phase === 'TESTING') {
      if (this.startWorkflowStage(row, 'TEST')) return;
      this.deps.builds.update(scope, row.imageArn, 'HANDOFF', now, { ...row.progress, testEnd: iso });
      return;
    }
    if (row.phase === 'HANDOFF') this.handOff(row);
  }

  /** Starts the build's custom `type` workflows (once) and parks the build; false when it has none left to run. */
  private startWorkflowStage(row: BuildRow<BuildSpec, BuildProgress>, type: 'BUILD' | 'TEST'): boolean {
    const wfs = row.spec.workflows?.filter((w) => w.type === type) ?? [];
    const key = type === 'BUILD' ? 'customBuild' : 'customTest';
    if (wfs.length === 0 || row.progress[key] === 'done') return false;
    const img = this.image(row.scope, row.imageArn);
    if (!img || img.state?.status === 'CANCELLED') {
      this.deps.builds.update(row.scope, row.imageArn, 'DONE', row.dueAt, { ...row.progress, cancelled: true });
      if (img) this.deps.onSettled?.(row.scope, img);
      return true;
    }
    this.deps.services().tx(() => {
      this.deps.builds.update(row.scope, row.imageArn, row.phase, PARKED, { ...row.progress, [key]: 'running' });
      if (row.progress[key] !== 'running') this.deps.workflows().startStage(row.scope, row.imageArn, type, wfs, this.stageContext(row, img));
    });
    return true;
  }

  /** What a stage's workflows can read: system variables and the build's ImageId. */
  private stageContext(row: BuildRow<BuildSpec, BuildProgress>, img: Image): StageContext {
    const { spec, progress } = row;
    return {
      vars: {
        imageType: spec.kind === 'AMI' ? 'AMI' : 'DOCKER',
        platform: spec.platform,
        Platform: spec.platform,
        collectImageMetadata: img.enhancedImageMetadataEnabled ?? true,
        collectImageScanFindings: img.imageScanningConfiguration?.imageScanningEnabled ?? false,
        cloudWatchLogGroup: img.loggingConfiguration?.logGroupName ?? `/aws/imagebuilder/${spec.imageName}`,
        cloudWatchLogStream: `${spec.version}/${spec.buildNumber}`,
      },
      workflowOutputs: progress.amiId ? { ImageId: progress.amiId } : {},
      ...(progress.amiId ? { amiId: progress.amiId } : {}),
    };
  }

  /** The workflow engine ended a BUILD or TEST stage of a parked build: go on, fail or stop. */
  workflowStageEnded(scope: Scope, imageArn: string, type: 'BUILD' | 'TEST' | 'DISTRIBUTION', outcome: StageOutcome): void {
    const row = this.deps.builds.get<BuildSpec, BuildProgress>(scope, imageArn);
    if (!row || row.phase === 'DONE' || type === 'DISTRIBUTION') return;
    if (outcome.cancelled) {
      this.deps.builds.update(scope, imageArn, 'DONE', row.dueAt, { ...row.progress, cancelled: true });
      const img = this.image(scope, imageArn);
      if (img) this.deps.onSettled?.(scope, img);
      return;
    }
    if (!outcome.ok) {
      this.fail(row, outcome.reason ?? `The ${type} workflow failed.`);
      return;
    }
    this.deps.builds.update(scope, imageArn, row.phase, this.now(), { ...row.progress, [type === 'BUILD' ? 'customBuild' : 'customTest']: 'done' });
    queueMicrotask(() => void this.kick());
  }

  /**
   * Registers the build AMI in the owner account, once: a build resumed after a restart finds the
   * AMI it registered by name *and* its `Ec2ImageBuilderArn` tag. Any other AMI of that name (an
   * earlier build's on the same day, or one the account made itself) is not ours: registering
   * then fails with EC2's InvalidAMIName.Duplicate, as AWS fails the build.
   */
  private async buildAmi(scope: Scope, imageArn: string, spec: BuildSpec): Promise<Partial<BuildProgress>> {
    const s = this.deps.services();
    const parent = await resolveParentAmi(s, scope, spec.parentImage);
    const template = { buildDate: new Date(spec.buildDate), buildVersion: spec.buildNumber };
    const own = spec.distributions?.find((d) => d.region === scope.region)?.amiDistributionConfiguration?.name;
    const name = own !== undefined ? expandTemplates(own, template) : defaultAmiName(spec.imageName, template.buildDate);
    const existing = await this.deps.cloud.ec2.describeImages(scope, { owners: ['self'], filters: [{ name: 'name', values: [name] }] });
    const found = existing.images.find(
      (i) => i.name === name && i.state !== 'deregistered' && i.tags.some((t) => t.key === 'Ec2ImageBuilderArn' && t.value === imageArn),
    );
    if (found) return { amiId: found.imageId, amiName: name };
    const { imageId } = await this.deps.cloud.ec2.registerImage(scope, {
      name,
      ...(spec.description !== undefined ? { description: spec.description } : {}),
      platform: parent.platform,
      tagSpecifications: [
        {
          resourceType: 'image',
          tags: [
            { key: 'CreatedBy', value: 'EC2 Image Builder' },
            { key: 'Ec2ImageBuilderArn', value: imageArn },
          ],
        },
      ],
    });
    return { amiId: imageId, amiName: name };
  }

  /**
   * Pushes the built container to the recipe's ECR repository tagged `<version>-<build>` and
   * `latest`, and records both URIs (AWS reports two; Terraform's acceptance test counts them).
   * A push a resumed build already made is not an error.
   */
  private async pushContainer(scope: Scope, imageArn: string, spec: BuildSpec): Promise<Partial<BuildProgress>> {
    const repositoryName = spec.repositoryName!;
    const { repositories } = await this.deps.cloud.ecr.describeRepositories(scope, { repositoryNames: [repositoryName] });
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { digest: `sha256:${createHash('sha256').update(imageArn).digest('hex')}` },
      layers: [{ digest: `sha256:${createHash('sha256').update(spec.parentImage).digest('hex')}` }],
    });
    const tags = [`${spec.version}-${spec.buildNumber}`, 'latest'];
    const imageDigest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
    for (const imageTag of tags) {
      try {
        await this.deps.cloud.ecr.putImage(scope, { repositoryName, imageManifest: manifest, imageTag });
      } catch (e) {
        if ((e as { code?: string }).code !== 'ImageAlreadyExistsException') throw e;
      }
    }
    return { imageDigest, imageManifest: manifest, imageUris: tags.map((t) => `${repositories[0]!.repositoryUri}:${t}`) };
  }

  /** Starts distribution (or, without a distribution configuration, completes the image). */
  private handOff(row: BuildRow<BuildSpec, BuildProgress>): void {
    const { scope, spec, progress } = row;
    const s = this.deps.services();
    const img = this.image(scope, row.imageArn);
    if (!img || img.state?.status === 'CANCELLED') {
      this.deps.builds.update(scope, row.imageArn, 'DONE', row.dueAt, { ...progress, cancelled: true });
      if (img) this.deps.onSettled?.(scope, img);
      return;
    }
    const wfs = spec.workflows?.filter((w) => w.type === 'DISTRIBUTION') ?? [];
    if (wfs.length) {
      // A custom DISTRIBUTION workflow decides what is distributed, step by step.
      const source: SourceAmi | SourceContainer =
        spec.kind === 'AMI'
          ? { kind: 'ami', accountId: scope.accountId, region: scope.region, imageId: progress.amiId!, name: progress.amiName!, platform: spec.platform }
          : {
              kind: 'container',
              accountId: scope.accountId,
              region: scope.region,
              repositoryName: spec.repositoryName!,
              imageDigest: progress.imageDigest!,
              imageManifest: progress.imageManifest!,
            };
      const plan = {
        ownerAccountId: scope.accountId,
        imageArn: row.imageArn,
        imageName: spec.imageName,
        source,
        distributions: spec.distributions ?? [],
        template: { buildDate: spec.buildDate, buildVersion: spec.buildNumber },
        ...(spec.description !== undefined ? { buildRegionDescription: spec.description } : {}),
      };
      s.tx(() => {
        this.deps.workflows().startStage(scope, row.imageArn, 'DISTRIBUTION', wfs, { ...this.stageContext(row, img), plan, config: spec.distributions ?? [] });
        this.deps.builds.update(scope, row.imageArn, 'DONE', row.dueAt, progress);
      });
      return;
    }
    if (!spec.distributions) {
      const outputs: NonNullable<Image['outputResources']> =
        spec.kind === 'AMI'
          ? {
              amis: [
                {
                  region: scope.region,
                  image: progress.amiId!,
                  name: progress.amiName!,
                  ...(spec.description ? { description: spec.description } : {}),
                  accountId: scope.accountId,
                },
              ],
            }
          : { containers: [{ region: scope.region, imageUris: progress.imageUris ?? [] }] };
      let done: Image & { arn: string } = img;
      s.tx(() => {
        this.images.put(scope, { ...img, state: { status: 'DISTRIBUTING' } });
        this.images.put(scope, { ...img, state: { status: 'INTEGRATING' } });
        done = { ...img, outputResources: outputs, state: { status: 'AVAILABLE' } };
        this.images.put(scope, done);
        this.deps.builds.update(scope, row.imageArn, 'DONE', row.dueAt, progress);
      });
      this.deps.onSettled?.(scope, done);
      return;
    }
    const source: SourceAmi | SourceContainer =
      spec.kind === 'AMI'
        ? { kind: 'ami', accountId: scope.accountId, region: scope.region, imageId: progress.amiId!, name: progress.amiName!, platform: spec.platform }
        : {
            kind: 'container',
            accountId: scope.accountId,
            region: scope.region,
            repositoryName: spec.repositoryName!,
            imageDigest: progress.imageDigest!,
            imageManifest: progress.imageManifest!,
          };
    // One transaction: the run exists exactly when the build row says it was handed off.
    s.tx(() => {
      this.deps.distribution().start(scope, row.imageArn, {
        ownerAccountId: scope.accountId,
        imageArn: row.imageArn,
        imageName: spec.imageName,
        source,
        distributions: spec.distributions!,
        template: { buildDate: new Date(spec.buildDate), buildVersion: spec.buildNumber },
        ...(spec.description !== undefined ? { buildRegionDescription: spec.description } : {}),
        ...(spec.ouTargets?.length ? { ouTargets: spec.ouTargets } : {}),
      });
      this.deps.builds.update(scope, row.imageArn, 'DONE', row.dueAt, progress);
    });
  }
}

function failureText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const code = (e as { code?: string; name?: string }).code ?? (e as { name?: string }).name;
    return `Build failed: ${code ? `${code}: ` : ''}${(e as Error).message}`;
  }
  return 'An internal error has occurred.';
}
