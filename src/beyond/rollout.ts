// Rollout rings: distributes one image through ordered rings — each a part of the settings'
// targets (Regions, accounts, OUs) — with a gate before a ring (a soak time, a manual approval, or
// both). A ring is one durable run of its jobs that carries what earlier rings delivered; a failed
// job halts the rollout, which can then be resumed (only the ring's unfinished jobs run again),
// aborted or rolled back. The state is one row, updated in the transaction that starts a ring's
// run, so a restart resumes the run (the engine) and the rollout (the next tick) where they were.
// An approval gate is a WaitForAction workflow step on the image (rollout-gate.ts): approve and
// reject answer it as SendWorkflowStepAction does, and its end moves the rollout on (gateEnded).
import { randomUUID } from 'node:crypto';
import { parseArn } from '../domain/arn.js';
import { imageBuildArn } from '../domain/image-arn.js';
import type { StoredPlanInput } from '../engine/distribution.js';
import { jobViews, outputResources } from '../engine/outcome.js';
import type { PlannedJob } from '../engine/plan.js';
import type { CoreCtx, CoreServices } from '../app/services.js';
import type { WorkflowServices } from '../workflows/services.js';
import { loadDistributionConfiguration, toDistributionConfiguration } from '../app/distribution-configurations.js';
import { resolveSource } from '../app/image-source.js';
import type { StepRecord } from '../engine/step-inputs.js';
import { replan, startExtraRun } from './extra-run.js';
import { deliveredSteps, extraRunArn, runsOf } from './history.js';
import { planOuTargets } from './ou-plan.js';
import { OU_TAG, OuTargetError, resolveOuTargets } from './ou-targets.js';
import { rollback, type RollbackPlan } from './rollback.js';
import { gateWorkflow } from './rollout-gate.js';
import type { StageOutcome } from '../workflows/engine.js';
import type { RolloutStore } from '../store/ports.js';
import type { RingSpec, Rollout } from '../store/records.js';

/** A request that cannot be carried out: the HTTP status and message. */
export class RolloutError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RolloutRequest {
  distributionConfigurationArn: string;
  sourceImage: string;
  rings: RingSpec[];
  executionRole?: string;
}

type Stored = Rollout & { planInput: StoredPlanInput };

const MAX_SOAK_SECONDS = 7 * 24 * 3600;

/** Checks a ring list's form; the first problem as a sentence. */
export function ringsProblem(rings: unknown): string | undefined {
  if (!Array.isArray(rings) || rings.length === 0 || rings.length > 20) return 'rings must be a list of 1 to 20 rings.';
  const names = new Set<string>();
  for (const [i, r] of (rings as Record<string, unknown>[]).entries()) {
    const at = `rings[${i}]`;
    if (typeof r !== 'object' || r === null) return `${at} must be an object.`;
    if (typeof r.name !== 'string' || !r.name || r.name.length > 64) return `${at}.name must be a name of 1 to 64 characters.`;
    if (names.has(r.name)) return `${at}.name '${r.name}' is used by another ring.`;
    names.add(r.name);
    for (const [f, re] of [
      ['regions', /^[a-z]{2}(-[a-z]+)+-\d+$/],
      ['accounts', /^\d{12}$/],
      ['organizationalUnits', /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/],
    ] as const) {
      const v = r[f];
      if (v === undefined) continue;
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || !re.test(x)))
        return `${at}.${f} must be a non-empty list of ${f === 'regions' ? 'Region names' : f === 'accounts' ? '12-digit account ids' : 'OU ARNs'}.`;
    }
    if (
      r.soakSeconds !== undefined &&
      (typeof r.soakSeconds !== 'number' || !Number.isInteger(r.soakSeconds) || r.soakSeconds < 0 || r.soakSeconds > MAX_SOAK_SECONDS)
    )
      return `${at}.soakSeconds must be a whole number of seconds from 0 to ${MAX_SOAK_SECONDS}.`;
    if (r.approval !== undefined && typeof r.approval !== 'boolean') return `${at}.approval must be true or false.`;
    const extra = Object.keys(r).filter((k) => !['name', 'regions', 'accounts', 'organizationalUnits', 'soakSeconds', 'approval'].includes(k));
    if (extra.length) return `${at} has unknown fields: ${extra.join(', ')}.`;
  }
  return undefined;
}

export class Rollouts {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly services: CoreServices & { workflows: WorkflowServices },
    private readonly store: RolloutStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    services.workflows.engine.reportStageEndsTo('rollout', (_scope, _image, report, outcome) => this.gateEnded(report.id, outcome));
  }

  list(): Rollout[] {
    return this.store.list().map(view);
  }

  get(id: string): Rollout {
    return view(this.load(id));
  }

  /** True while a rollout that is not finished distributes `imageArn` (start-up leaves its image alone). */
  holds(imageArn: string): boolean {
    return this.store.list().some((r) => r.imageBuildVersionArn === imageArn && !['succeeded', 'aborted', 'rolled-back'].includes(r.status));
  }

  /** Plans the image's jobs into rings, creates the image and starts the first ring (or its gate). */
  async create(req: RolloutRequest): Promise<Rollout> {
    const problem = ringsProblem(req.rings);
    if (problem) throw new RolloutError(400, problem);
    const parsed = parseArn(req.distributionConfigurationArn);
    if (!parsed || parsed.resourceType !== 'distribution-configuration')
      throw new RolloutError(400, `'${req.distributionConfigurationArn}' is not a distribution configuration ARN.`);
    const scope = { accountId: parsed.owner, region: parsed.region };
    const ctx: CoreCtx = { scope, services: this.services };
    const config = loadDistributionConfiguration(ctx, req.distributionConfigurationArn);
    const src = await resolveSource(ctx, req.sourceImage);
    const ouTargets = await planOuTargets(ctx, config.arn);
    const ringAccounts: (Set<string> | undefined)[] = [];
    for (const r of req.rings) {
      if (!r.accounts && !r.organizationalUnits) {
        ringAccounts.push(undefined);
        continue;
      }
      const set = new Set(r.accounts ?? []);
      try {
        if (r.organizationalUnits)
          for (const t of await resolveOuTargets(this.services.cloud, scope, { [OU_TAG]: r.organizationalUnits.join(',') })) set.add(t.accountId);
      } catch (e) {
        if (e instanceof OuTargetError) throw new RolloutError(400, `Ring ${r.name}: ${e.message}`);
        throw e;
      }
      ringAccounts.push(set);
    }
    const now = this.now();
    const buildNumber = this.services.images.nextBuildNumber(scope, src.name, src.version);
    const arn = imageBuildArn(scope, src.name, src.version, buildNumber);
    const planInput: StoredPlanInput = {
      ownerAccountId: scope.accountId,
      imageArn: arn,
      imageName: src.name,
      source: src.ami,
      distributions: config.distributions,
      template: { buildDate: now.toISOString(), buildVersion: buildNumber },
      ...(ouTargets.length ? { ouTargets } : {}),
    };
    const plan = replan(planInput);
    // Each job goes to the first ring whose Regions and accounts contain it …
    const ringOf = new Map<string, number>();
    for (const job of plan.jobs) {
      const i = req.rings.findIndex((r, n) => (!r.regions || r.regions.includes(job.region)) && (!ringAccounts[n] || ringAccounts[n]!.has(job.accountId)));
      if (i >= 0) ringOf.set(job.key, i);
    }
    // … and what a job builds on (the owner's AMI in the Region) runs no later than the job.
    const jobOfStep = new Map(plan.steps.map((s) => [s.key, s.jobKey]));
    let moved = true;
    while (moved) {
      moved = false;
      for (const s of plan.steps) {
        const mine = ringOf.get(s.jobKey);
        if (mine === undefined) continue;
        for (const d of s.dependsOn) {
          const dj = jobOfStep.get(d)!;
          const theirs = ringOf.get(dj);
          if (theirs === undefined || theirs > mine) {
            ringOf.set(dj, mine);
            moved = true;
          }
        }
      }
    }
    const unassigned = plan.jobs.filter((j) => !ringOf.has(j.key)).map((j) => j.key);
    if (unassigned.length)
      throw new RolloutError(400, `These jobs are in no ring: ${unassigned.join(', ')}. Every Region and account of the settings must be in a ring.`);
    const ringJobs = req.rings.map((_, i) => plan.jobs.filter((j) => ringOf.get(j.key) === i).map((j) => j.key));
    const empty = req.rings.findIndex((_, i) => ringJobs[i]!.length === 0);
    if (empty >= 0)
      throw new RolloutError(
        400,
        `Ring ${req.rings[empty]!.name} has no job: none of the settings' Regions and accounts is in it (or an earlier ring has them).`,
      );
    const r: Stored = {
      rolloutId: randomUUID(),
      scope,
      distributionConfigurationArn: config.arn,
      imageBuildVersionArn: arn,
      rings: req.rings,
      ringStates: req.rings.map((ring, i) => ({ name: ring.name, status: 'pending', jobs: ringJobs[i]!, runIds: [] })),
      status: 'running',
      current: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      planInput,
    };
    this.services.tx(() => {
      this.services.images.insert(
        scope,
        {
          arn,
          name: src.name,
          version: `${src.version}/${buildNumber}`,
          type: 'AMI',
          platform: src.platform,
          state: { status: 'DISTRIBUTING' },
          distributionConfiguration: toDistributionConfiguration(ctx, config),
          outputResources: { amis: [] },
          buildType: 'USER_INITIATED',
          imageSource: 'CUSTOM',
          dateCreated: now.toISOString(),
          ...(req.executionRole ? { executionRole: req.executionRole } : {}),
        },
        buildNumber,
      );
      this.gateOrStart(r);
    });
    return view(r);
  }

  /** Opens the approval gate of the ring waiting for it (RESUME on its WaitForAction step): that ring starts. */
  approve(id: string, reason?: string): Rollout {
    return this.answerGate(id, 'RESUME', reason);
  }

  /**
   * Rejects the approval gate of the ring waiting for it (STOP on its step, onFailure Abort): later
   * rings never start and the image ends FAILED with the reason and what the earlier rings made.
   */
  reject(id: string, reason?: string): Rollout {
    return this.answerGate(id, 'STOP', reason);
  }

  private answerGate(id: string, action: 'RESUME' | 'STOP', reason: string | undefined): Rollout {
    const r = this.load(id);
    const verb = action === 'RESUME' ? 'approved' : 'rejected';
    if (r.status !== 'waiting-approval') throw new RolloutError(409, `Rollout ${id} is ${r.status}; only a rollout waiting for approval can be ${verb}.`);
    const ring = r.ringStates[r.current]!;
    const { store, engine } = this.services.workflows;
    const step = ring.gateStepExecutionId ? store.getStep(r.scope, ring.gateStepExecutionId) : undefined;
    if (!step) {
      // A rollout that waited before gates were workflow steps: its gate is the row alone.
      if (reason !== undefined) ring.gateReason = reason;
      if (action === 'RESUME') {
        ring.approvedAt = this.now().toISOString();
        this.services.tx(() => this.gateOrStart(r));
      } else this.services.tx(() => this.rejected(r, reason === undefined ? '.' : `: ${reason}`));
      return view(r);
    }
    if (step.status !== 'WAITING') throw new RolloutError(409, `The approval gate of ring ${ring.name} is ${step.status}, not WAITING yet; try again.`);
    // The step's end, the execution's and the rollout's next state: one transaction (gateEnded).
    this.services.tx(() => engine.sendAction(r.scope, step, action, reason));
    return view(this.load(id));
  }

  /** The end of a gate's workflow stage (inside the engine's transaction): start the ring, or stop. */
  private gateEnded(id: string, outcome: StageOutcome): void {
    const r = this.store.get(id) as Stored | undefined;
    if (!r || r.status !== 'waiting-approval') return; // aborted or rolled back meanwhile
    const ring = r.ringStates[r.current]!;
    const step = ring.gateStepExecutionId ? this.services.workflows.store.getStep(r.scope, ring.gateStepExecutionId) : undefined;
    const reason = typeof step?.outputs?.reason === 'string' ? step.outputs.reason : undefined;
    if (reason !== undefined) ring.gateReason = reason;
    if (outcome.ok) {
      ring.approvedAt = this.now().toISOString();
      this.gateOrStart(r);
      return;
    }
    if (outcome.cancelled) {
      ring.status = 'aborted';
      r.status = 'aborted';
      r.reason = 'The image creation was cancelled at the approval gate.';
      this.settleImage(r, 'CANCELLED', 'The image creation was cancelled.');
      this.save(r);
      return;
    }
    // STOP (with or without a reason), or the step's timeout.
    this.rejected(
      r,
      step?.outputs?.action === 'STOP' ? (reason === undefined ? '.' : `: ${reason}`) : `: ${step?.message ?? outcome.reason ?? 'the step failed.'}`,
    );
  }

  /** The gate said no: the rollout and the image end, in the caller's transaction. */
  private rejected(r: Stored, why: string): void {
    const ring = r.ringStates[r.current]!;
    ring.status = 'aborted';
    r.status = 'aborted';
    r.reason = `Ring ${ring.name} was rejected at its approval gate${why}`;
    this.settleImage(r, 'FAILED', r.reason);
    this.save(r);
  }

  /** Cancels the gate step waiting on the rollout's image, if any (abort, rollback). */
  private cancelGate(r: Stored): void {
    if (r.ringStates[r.current]?.gateStepExecutionId) this.services.workflows.engine.cancelImage(r.scope, r.imageBuildVersionArn);
  }

  /** Runs the halted ring's unfinished jobs again (what succeeded is kept). */
  resume(id: string): Rollout {
    const r = this.load(id);
    if (r.status !== 'halted')
      throw new RolloutError(409, `Rollout ${id} is ${r.status}; only a halted rollout can be resumed (a gate is opened with approve).`);
    const delivered = deliveredSteps(this.services, r.scope, r.imageBuildVersionArn);
    const plan = replan(r.planInput);
    const ring = r.ringStates[r.current]!;
    const open = ring.jobs.filter((j) => plan.steps.some((s) => s.jobKey === j && !delivered.has(s.key)));
    this.services.tx(() => this.startRing(r, open));
    return view(r);
  }

  /** Stops the rollout: the running ring is cancelled (running steps finish), later rings never start. */
  abort(id: string): Rollout {
    const r = this.load(id);
    if (r.status === 'succeeded' || r.status === 'aborted' || r.status === 'rolled-back') throw new RolloutError(409, `Rollout ${id} is ${r.status} already.`);
    this.stopRing(r);
    r.status = 'aborted';
    r.reason = 'The rollout was aborted.';
    this.services.tx(() => {
      this.settleImage(r, 'CANCELLED', 'The rollout was aborted.');
      this.save(r);
      this.cancelGate(r);
    });
    return view(r);
  }

  /** Aborts (when not finished) and puts `to` — default: the previous image with these settings — back everywhere.
   *  With `dryRun`, answers the plan of that rollback and changes nothing (the rollout keeps running). */
  async rollBack(id: string, to?: string, dryRun = false): Promise<{ rollout: Rollout; rollback: RollbackPlan }> {
    const r = this.load(id);
    if (r.status === 'rolled-back') throw new RolloutError(409, `Rollout ${id} is rolled back already.`);
    const target = to ?? this.previousImage(r);
    if (!target)
      throw new RolloutError(
        409,
        `There is no earlier AVAILABLE image distributed with ${r.distributionConfigurationArn} to roll back to; name one with "to".`,
      );
    if (!this.services.images.get(r.scope, target)) throw new RolloutError(404, `The resource '${target}' does not exist.`);
    if (dryRun) return { rollout: view(r), rollback: await rollback(this.services, r.scope, target, true) };
    if (r.status !== 'succeeded' && r.status !== 'aborted') {
      this.stopRing(r);
      r.status = 'aborted';
      r.reason = 'The rollout was aborted to roll it back.';
      this.services.tx(() => {
        this.settleImage(r, 'CANCELLED', 'The rollout was rolled back.');
        this.save(r);
        this.cancelGate(r);
      });
    }
    const plan = await rollback(this.services, r.scope, target, false);
    r.status = 'rolled-back';
    r.reason = `Rolled back to ${target}${plan.runId ? ` (run ${plan.runId})` : ''}.`;
    this.save(r);
    return { rollout: view(r), rollback: plan };
  }

  /** Advances every rollout that moves by itself (a ring ended, a soak elapsed). */
  tick(): void {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const r of this.store.active()) this.advance(r as Stored);
    } finally {
      this.busy = false;
    }
  }

  start(intervalMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (e) {
        onError(e);
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  // ------------------------------------------------------------ state machine

  private advance(r: Stored): void {
    const ring = r.ringStates[r.current]!;
    if (r.status === 'soaking') {
      if (this.now().toISOString() >= ring.soakUntil!) this.services.tx(() => this.gateOrStart(r));
      return;
    }
    if (r.status !== 'running') return;
    const run = this.services.runs.getRun(r.scope, ring.runIds.at(-1)!);
    if (!run || run.status === 'running') return;
    ring.endedAt = run.endTime ?? this.now().toISOString();
    if (run.status === 'succeeded') {
      ring.status = 'succeeded';
      if (r.current === r.rings.length - 1) {
        r.status = 'succeeded';
        this.settleImage(r, 'AVAILABLE');
        this.save(r);
        return;
      }
      r.current++;
      this.services.tx(() => this.gateOrStart(r));
      return;
    }
    const failed = this.services.runs.steps(r.scope, run.runId).filter((s) => s.status === 'failed');
    ring.status = 'failed';
    ring.failures = failed.map((s) => ({ jobKey: s.jobKey, error: s.error ?? s.errorCode ?? 'failed' }));
    r.status = 'halted';
    r.reason = `Ring ${ring.name} halted the rollout: ${ring.failures.map((f) => `${f.jobKey}: ${f.error}`).join('; ') || `its run ended ${run.status}`}`;
    this.save(r);
  }

  /** Before the current ring: its soak, then its approval, then the ring itself. */
  private gateOrStart(r: Stored): void {
    const spec = r.rings[r.current]!;
    const ring = r.ringStates[r.current]!;
    if ((spec.soakSeconds ?? 0) > 0 && r.current > 0) {
      if (!ring.soakUntil) {
        const prevEnd = r.ringStates[r.current - 1]!.endedAt ?? this.now().toISOString();
        ring.soakUntil = new Date(Date.parse(prevEnd) + spec.soakSeconds! * 1000).toISOString();
      }
      if (this.now().toISOString() < ring.soakUntil) {
        r.status = 'soaking';
        this.save(r);
        return;
      }
    }
    if (spec.approval && !ring.approvedAt) {
      r.status = 'waiting-approval';
      if (!ring.gateStepExecutionId) {
        // The gate's WaitForAction step, started in the caller's transaction with this row.
        const { engine, store } = this.services.workflows;
        const [executionId] = engine.startStage(
          r.scope,
          r.imageBuildVersionArn,
          'DISTRIBUTION',
          [gateWorkflow(r.scope, r.rolloutId, ring.name)],
          { vars: {}, workflowOutputs: {} },
          { reportTo: { kind: 'rollout', id: r.rolloutId } },
        );
        ring.gateStepExecutionId = store.steps(r.scope, executionId!)[0]!.stepExecutionId;
      }
      this.save(r);
      return;
    }
    this.startRing(r, ring.jobs);
  }

  private startRing(r: Stored, jobs: string[]): void {
    const ring = r.ringStates[r.current]!;
    const plan = replan(r.planInput);
    const delivered = deliveredSteps(this.services, r.scope, r.imageBuildVersionArn);
    const runArn = extraRunArn(r.imageBuildVersionArn, 'rollout', `${r.rolloutId}:${ring.name}:${ring.runIds.length + 1}`);
    const { run, unrunnable } = startExtraRun(this.services, r.scope, runArn, r.planInput, plan, new Set(jobs), delivered);
    ring.status = 'running';
    ring.startedAt ??= this.now().toISOString();
    delete ring.failures;
    if (!run) {
      ring.status = 'failed';
      r.status = 'halted';
      r.reason = `Ring ${ring.name} cannot run ${unrunnable.join(', ')}: what it builds on was not delivered.`;
      this.save(r);
      return;
    }
    ring.runIds.push(run.runId);
    r.status = 'running';
    delete r.reason;
    this.save(r);
    void run.finished.then(() => this.tick());
  }

  private stopRing(r: Stored): void {
    const ring = r.ringStates[r.current];
    if (ring?.status === 'running') {
      const runId = ring.runIds.at(-1)!;
      this.services.distribution.runner.cancel(r.scope, runId);
      ring.status = 'aborted';
    }
  }

  /** The image's AWS-shaped outcome from every ring's runs. */
  private settleImage(r: Stored, status: 'AVAILABLE' | 'CANCELLED' | 'FAILED', reason?: string): void {
    const image = this.services.images.get(r.scope, r.imageBuildVersionArn);
    if (!image) return;
    const jobs = new Map<string, PlannedJob>();
    const steps = new Map<string, StepRecord>();
    for (const run of runsOf(this.services, r.scope, r.imageBuildVersionArn)) {
      for (const j of run.jobs) jobs.set(j.key, j);
      for (const s of this.services.runs.steps(r.scope, run.runId)) if (s.status === 'succeeded' || !steps.has(s.key)) steps.set(s.key, s);
    }
    const outputs = outputResources(jobViews([...jobs.values()], [...steps.values()]));
    this.services.images.put(r.scope, { ...image, arn: r.imageBuildVersionArn, outputResources: outputs, state: { status, ...(reason ? { reason } : {}) } });
  }

  private previousImage(r: Stored): string | undefined {
    return this.services.images
      .newestFirst(r.scope, { status: 'AVAILABLE' })
      .find((img) => img.arn !== r.imageBuildVersionArn && img.distributionConfiguration?.arn === r.distributionConfigurationArn)?.arn;
  }

  private load(id: string): Stored {
    const r = this.store.get(id);
    if (!r) throw new RolloutError(404, `No rollout ${id}.`);
    return r as Stored;
  }

  private save(r: Stored): void {
    r.updatedAt = this.now().toISOString();
    this.store.put(r);
  }
}

/** The stored rollout without its plan input. */
function view(r: Rollout): Rollout {
  const { planInput: _omit, ...rest } = r as Stored;
  void _omit;
  return rest;
}
