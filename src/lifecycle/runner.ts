// Runs lifecycle executions: writes the execution and every resource it will touch in one
// transaction, then acts on one resource at a time (each outcome checkpointed in its own
// transaction) and resumes unfinished executions after a restart. Every cloud action is safe to
// repeat (an AMI already deprecated, disabled or gone counts as done), so a kill at any point
// recovers to a final, truthful state. Target accounts' AMIs are reached through their
// Ec2ImageBuilderCrossAccountLifecycleAccess role; only AMIs tagged CreatedBy: EC2 Image Builder.
// A container image's DELETE removes its ECR image in each repository it was pushed to (containers.ts).
import { randomUUID } from 'node:crypto';
import { CloudError, type CloudPorts } from '../cloud/ports.js';
import type { Clock } from '../domain/clock.js';
import type { Scope } from '../domain/scope.js';
import type { Image, LifecycleExecutionResource, LifecyclePolicyDetailExclusionRulesAmis } from '../model/generated/types.js';
import type { TagStore, Transaction } from '../store/ports.js';
import type { ImageStore } from '../store/ports.js';
import type { LifecycleStore } from '../store/ports.js';
import type { PlannedAction, ResourceRow, StoredExecution, StoredLifecyclePolicy } from '../store/records.js';
import { amiVerdict, lifecycleActAs, type LifecycleActAs } from './ami-verdict.js';
import { containerResources, deleteContainer } from './containers.js';
import type { ImageDecision } from './plan.js';
import { amiTargets, selectForPolicy } from './selection.js';

export interface LifecycleDeps {
  tx: Transaction;
  store: LifecycleStore;
  images: ImageStore;
  tags: TagStore;
  cloud: CloudPorts;
  clock: Clock;
  onError?: (e: unknown) => void;
}

/** The DeprecatedBy tag AWS adds to AMIs it deprecates. */
const DEPRECATED_BY = { key: 'DeprecatedBy', value: 'EC2 Image Builder' };
const seconds = (ms: number): number => Math.round(ms) / 1000;

export class LifecycleRunner {
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly d: LifecycleDeps) {}

  /** The unfinished execution of a policy (or image), if any: one runs at a time. */
  active(scope: Scope, resourceArn: string): StoredExecution | undefined {
    return this.d.store.executionsOf(scope, resourceArn).find((e) => ['IN_PROGRESS', 'CANCELLING', 'PENDING'].includes(e.execution.state?.status ?? ''));
  }

  /** Starts (or returns the running) execution of a policy. */
  startPolicy(scope: Scope, policy: StoredLifecyclePolicy): string {
    const running = this.active(scope, policy.arn);
    if (running) return running.execution.lifecycleExecutionId;
    const now = this.d.clock.now();
    // The same selection the preview shows (selection.ts); each action carries its rule's AMI exclusions.
    const decisions = selectForPolicy(this.d, scope, policy, now);
    return this.create(
      scope,
      policy.arn,
      policy.arn,
      decisions,
      (a) => a.exclusions,
      () => {
        this.d.store.putPolicy(scope, { ...policy, dateLastRun: seconds(now) });
      },
    );
  }

  /** Starts a StartResourceStateUpdate execution for one image. */
  startImageUpdate(scope: Scope, imageArn: string, action: PlannedAction, exclusions: LifecyclePolicyDetailExclusionRulesAmis | undefined): string {
    return this.create(scope, imageArn, undefined, [{ imageArn, action }], () => exclusions);
  }

  private create(
    scope: Scope,
    resourceArn: string,
    policyArn: string | undefined,
    decisions: ImageDecision[],
    exclusionsFor: (a: PlannedAction) => LifecyclePolicyDetailExclusionRulesAmis | undefined,
    alsoInTransaction: () => void = () => undefined,
  ): string {
    const id = `lce-${randomUUID()}`;
    const start = seconds(this.d.clock.now());
    const exec: StoredExecution = {
      execution: {
        lifecycleExecutionId: id,
        ...(policyArn ? { lifecyclePolicyArn: policyArn } : {}),
        resourcesImpactedSummary: { hasImpactedResources: decisions.some((x) => !x.skipped) },
        state: { status: 'IN_PROGRESS' },
        startTime: start,
      },
      resourceArn,
    };
    let seq = 0;
    this.d.tx(() => {
      this.d.store.putExecution(scope, exec);
      for (const dcs of decisions) {
        const image = this.d.images.get(scope, dcs.imageArn);
        const imageRow: ResourceRow = {
          seq: seq++,
          parentId: '',
          resource: {
            accountId: scope.accountId,
            resourceId: dcs.imageArn,
            region: scope.region,
            action: { name: dcs.action.type, reason: policyArn ? `Selected by lifecycle policy ${policyArn}.` : 'Requested by StartResourceStateUpdate.' },
            state: dcs.skipped ? { status: 'SKIPPED', reason: dcs.skipped } : { status: 'IN_PROGRESS' },
            ...(dcs.skipped ? { startTime: start, endTime: start } : {}),
          },
          plan: { ...dcs.action, ...(exclusionsFor(dcs.action) ? { exclusions: exclusionsFor(dcs.action)! } : {}) },
        };
        this.d.store.insertResource(scope, id, imageRow);
        if (dcs.skipped) continue;
        // Output AMIs are listed (and acted on) only when the rule includes them.
        if (dcs.action.includeContainers) {
          for (const c of containerResources(image?.outputResources?.containers ?? [], scope)) {
            this.d.store.insertResource(scope, id, {
              seq: seq++,
              parentId: dcs.imageArn,
              resource: { ...c, action: { name: dcs.action.type }, state: { status: 'IN_PROGRESS' } },
            });
          }
        }
        for (const ami of amiTargets(image, dcs.action, scope)) {
          this.d.store.insertResource(scope, id, {
            seq: seq++,
            parentId: dcs.imageArn,
            resource: { ...ami, action: { name: dcs.action.type }, state: { status: 'IN_PROGRESS' } },
          });
        }
      }
      alsoInTransaction();
    });
    this.kick(scope, id);
    return id;
  }

  /** Asks a running execution to stop after the resource in hand (CANCELLING, then CANCELLED). */
  cancel(scope: Scope, id: string): void {
    const e = this.d.store.getExecution(scope, id);
    if (!e) return;
    this.d.store.putExecution(scope, { ...e, cancelRequested: true, execution: { ...e.execution, state: { status: 'CANCELLING' } } });
    this.kick(scope, id);
  }

  /** Continues unfinished executions not in hand (those waiting for an updateAt, after a restart). */
  resumeWaiting(): void {
    this.resumeAll();
  }

  /** Resumes every unfinished execution (start-up). */
  resumeAll(): void {
    for (const { scope, execution } of this.d.store.unfinished()) this.kick(scope, execution.execution.lifecycleExecutionId);
  }

  /** Waits for the executions in hand to reach a checkpoint, then stops taking work. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Resolves when the execution has finished its current run (tests, admin run-now). */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  private kick(scope: Scope, id: string): void {
    if (this.stopped || this.running.has(id)) return;
    const p = this.process(scope, id)
      .catch((e: unknown) => this.d.onError?.(e))
      .finally(() => this.running.delete(id));
    this.running.set(id, p);
  }

  private async process(scope: Scope, id: string): Promise<void> {
    await Promise.resolve();
    // Roles are assumed only for AMIs left to act on after the Region rule, once per account and Region.
    const actAs = lifecycleActAs(this.d.cloud, scope);
    for (const row of this.d.store.resources(scope, id, '')) {
      if (this.stopped) return;
      const exec = this.d.store.getExecution(scope, id);
      if (!exec) return;
      if (row.resource.state?.status !== 'IN_PROGRESS') continue;
      if (exec.cancelRequested) {
        this.finishRows(scope, id, row, { status: 'SKIPPED', reason: 'The lifecycle execution was cancelled before this resource was processed.' });
        continue;
      }
      await this.processImage(scope, id, row, actAs);
    }
    if (this.stopped) return;
    // An image waiting for its updateAt keeps the execution IN_PROGRESS until then (see tick()).
    if (this.d.store.resources(scope, id, '').some((r) => r.resource.state?.status === 'IN_PROGRESS')) return;
    this.finish(scope, id);
  }

  /** Marks an image row and its unfinished children with `state`. */
  private finishRows(scope: Scope, id: string, row: ResourceRow, state: LifecycleExecutionResource['state']): void {
    const t = seconds(this.d.clock.now());
    this.d.tx(() => {
      for (const child of this.d.store.resources(scope, id, row.resource.resourceId)) {
        if (child.resource.state?.status === 'IN_PROGRESS')
          this.d.store.putResource(scope, id, { ...child, resource: { ...child.resource, state, endTime: t } });
      }
      this.d.store.putResource(scope, id, { ...row, resource: { ...row.resource, state, endTime: t } });
    });
  }

  private async processImage(scope: Scope, id: string, row: ResourceRow, actAs: LifecycleActAs): Promise<void> {
    const plan = row.plan!;
    const imageArn = row.resource.resourceId;
    const t0 = seconds(this.d.clock.now());
    if (row.resource.startTime === undefined) {
      row = { ...row, resource: { ...row.resource, startTime: t0 } };
      this.d.store.putResource(scope, id, row);
    }
    let failed = 0;
    let skipped = 0;
    for (const child of this.d.store.resources(scope, id, imageArn)) {
      let res = child.resource;
      if (res.state?.status === 'IN_PROGRESS') {
        res = res.imageUris?.length
          ? await deleteContainer(this.d.cloud.ecr, scope, res, () => seconds(this.d.clock.now()))
          : await this.processAmi(scope, res, plan, actAs);
        this.d.store.putResource(scope, id, { ...child, resource: res });
      }
      if (res.state?.status === 'FAILED') failed++;
      if (res.state?.status === 'SKIPPED') skipped++;
    }
    const t = seconds(this.d.clock.now());
    // DEPRECATED with updateAt: the AMIs carry the deprecation time now; the image flips at that time.
    if (plan.deprecateAt !== undefined && t < plan.deprecateAt) return;
    this.d.tx(() => {
      const image = this.d.images.get(scope, imageArn) as (Image & { arn: string }) | undefined;
      let reason: string | undefined;
      if (image) {
        if (plan.type === 'DELETE') {
          // An image whose outputs were not all removed keeps its record, so nothing is stranded.
          if (failed + skipped === 0) {
            this.d.images.delete(scope, imageArn);
            this.d.tags.delete(scope, imageArn);
          } else reason = `The image resource was kept: ${failed} output resource(s) failed and ${skipped} were skipped.`;
        } else {
          const status = plan.type === 'DEPRECATE' ? 'DEPRECATED' : plan.type === 'DISABLE' ? 'DISABLED' : 'AVAILABLE';
          const next: Image & { arn: string } = { ...image, state: { status }, lifecycleExecutionId: id };
          if (plan.type === 'DEPRECATE') next.deprecationTime = plan.deprecateAt ?? t;
          if (plan.type === 'AVAILABLE') delete next.deprecationTime;
          this.d.images.put(scope, next);
        }
      }
      const state: LifecycleExecutionResource['state'] = failed
        ? { status: 'FAILED', reason: `${failed} output resource(s) failed.` }
        : { status: 'SUCCESS', ...(reason ? { reason } : {}) };
      this.d.store.putResource(scope, id, { ...row, resource: { ...row.resource, state, endTime: t } });
    });
  }

  /** Acts on one output AMI (after amiVerdict, which the preview shares); returns its final resource record. */
  private async processAmi(
    scope: Scope,
    res: LifecycleExecutionResource & { resourceId: string },
    plan: PlannedAction,
    actAs: LifecycleActAs,
  ): Promise<LifecycleExecutionResource & { resourceId: string }> {
    const start = res.startTime ?? seconds(this.d.clock.now());
    const done = (state: LifecycleExecutionResource['state'], extra: Partial<LifecycleExecutionResource> = {}) => ({
      ...res,
      ...extra,
      state,
      startTime: start,
      endTime: seconds(this.d.clock.now()),
    });
    const target = { resourceId: res.resourceId, region: res.region ?? scope.region, accountId: res.accountId ?? scope.accountId };
    const verdict = await amiVerdict(this.d.cloud, scope, target, plan, this.d.clock.now(), actAs);
    if (verdict.kind === 'final') return done(verdict.state);
    const { cs, ami, tags, snapshotIds } = verdict;
    const ec2 = this.d.cloud.ec2;
    try {
      if (plan.type === 'DEPRECATE') {
        await ec2.enableImageDeprecation(cs, {
          imageId: res.resourceId,
          deprecateAt: new Date((plan.deprecateAt ?? seconds(this.d.clock.now())) * 1000).toISOString(),
        });
        await ec2.createTags(cs, { resources: [res.resourceId], tags: [DEPRECATED_BY] });
      } else if (plan.type === 'DISABLE') {
        if (ami.state !== 'disabled') await ec2.disableImage(cs, { imageId: res.resourceId });
        // Moving on from DEPRECATED: AWS takes its DeprecatedBy tag off again.
        if (tags[DEPRECATED_BY.key] === DEPRECATED_BY.value) await ec2.deleteTags(cs, { resources: [res.resourceId], tags: [DEPRECATED_BY] });
      } else if (plan.type === 'AVAILABLE') {
        if (ami.state === 'disabled') await ec2.enableImage(cs, { imageId: res.resourceId });
        if (ami.deprecationTime) await ec2.disableImageDeprecation(cs, { imageId: res.resourceId });
        if (tags[DEPRECATED_BY.key] === DEPRECATED_BY.value) await ec2.deleteTags(cs, { resources: [res.resourceId], tags: [DEPRECATED_BY] });
      } else {
        await ec2.deregisterImage(cs, { imageId: res.resourceId });
        if (plan.includeSnapshots) {
          const snapshots = [];
          for (const snapshotId of snapshotIds) {
            try {
              await ec2.deleteSnapshot(cs, { snapshotId });
              snapshots.push({ snapshotId, state: { status: 'SUCCESS' as const } });
            } catch (e) {
              if (e instanceof CloudError && e.code === 'InvalidSnapshot.NotFound') snapshots.push({ snapshotId, state: { status: 'SUCCESS' as const } });
              else snapshots.push({ snapshotId, state: { status: 'FAILED' as const, reason: `${(e as Error).message}` } });
            }
          }
          const bad = snapshots.some((s) => s.state.status === 'FAILED');
          return done(bad ? { status: 'FAILED', reason: 'A snapshot could not be deleted.' } : { status: 'SUCCESS' }, { snapshots });
        }
      }
      return done({ status: 'SUCCESS' });
    } catch (e) {
      if (!(e instanceof CloudError)) throw e;
      return done({ status: 'FAILED', reason: `${e.code}: ${e.message}` });
    }
  }

  private finish(scope: Scope, id: string): void {
    const e = this.d.store.getExecution(scope, id);
    if (!e) return;
    const rows = this.d.store.resources(scope, id);
    const failed = rows.filter((r) => r.resource.state?.status === 'FAILED').length;
    const status = e.cancelRequested ? 'CANCELLED' : failed ? 'FAILED' : 'SUCCESS';
    const reason = e.cancelRequested
      ? 'The lifecycle execution was cancelled.'
      : failed
        ? `${failed} resource(s) failed; see ListLifecycleExecutionResources.`
        : undefined;
    this.d.store.putExecution(scope, {
      ...e,
      execution: { ...e.execution, state: { status, ...(reason ? { reason } : {}) }, endTime: seconds(this.d.clock.now()) },
    });
  }
}
