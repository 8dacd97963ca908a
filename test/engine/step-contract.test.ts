// The step contract: every step kind declares a typed run and a preflight check, and the
// preflight iterates a plan's steps through that table — so a new kind is picked up by the
// preflight loop (shown at run time with a fake kind) and a kind without a check, or a table
// without a kind, does not compile (the @ts-expect-error lines fail `npm run typecheck`, which
// CI runs, if they ever compile).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CloudError } from '../../src/cloud/ports.js';
import { planDistribution, type Plan, type PlanInput } from '../../src/engine/plan.js';
import { checkPlan } from '../../src/engine/preflight.js';
import type { StepDefinition, StepDefinitions } from '../../src/engine/steps/contract.js';
import { stepDefinitions } from '../../src/engine/steps/index.js';
import type { PlannedStep, StepKind } from '../../src/engine/step-inputs.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openWorld } from '../../src/world/index.js';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

// @ts-expect-error a step kind whose definition has no check does not compile
const noCheck: StepDefinition<'tagImage'> = { run: stepDefinitions.tagImage.run };
void noCheck;

const { copyImage: _dropped, ...withoutCopy } = stepDefinitions;
// @ts-expect-error a table without one of the kinds does not compile
const missingKind: StepDefinitions = withoutCopy;
void missingKind;

const badStep: PlannedStep = {
  key: 'k',
  jobKey: 'j',
  kind: 'copyImage',
  accountId: OWNER,
  region: 'us-east-1',
  dependsOn: [],
  // @ts-expect-error a step's input is its kind's input: a copy without a name does not compile
  input: { sourceRegion: 'us-east-1', tags: {} },
};
void badStep;

function input(): PlanInput {
  return {
    ownerAccountId: OWNER,
    imageArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image/app/1.0.0/1`,
    imageName: 'app',
    source: { kind: 'ami', accountId: OWNER, region: 'us-east-1', imageId: SOURCE_AMI, name: 'source', platform: 'Linux' },
    distributions: [{ region: 'us-west-2', amiDistributionConfiguration: { name: 'app-{{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } }],
    template: { buildDate: new Date('2026-01-02T03:04:05Z'), buildVersion: 1 },
  };
}

function world() {
  return openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), spec: testWorld() });
}

describe('the step contract', () => {
  it('has a run and a check for every step kind the plan can emit', () => {
    const plan = planDistribution(input());
    const kinds = new Set(plan.steps.map((s) => s.kind));
    assert.ok(kinds.size >= 3, 'the plan emits copy, grant and wait steps');
    for (const k of Object.keys(stepDefinitions) as StepKind[]) {
      assert.equal(typeof stepDefinitions[k].run, 'function', k);
      assert.equal(typeof stepDefinitions[k].check, 'function', k);
    }
  });

  it('runs the check of a new kind added to the table, in plan order, and reports its failure on its job only', async () => {
    const w = world();
    const p = planDistribution(input());
    const fakeJob = { key: 'fake:us-west-2', kind: 'ami' as const, region: 'us-west-2', accountId: OWNER, title: 'a fake job' };
    // A kind the engine does not know yet, as a fixture would add it: its own input, its own check.
    const fakeStep = {
      key: 'fakeStep:us-west-2',
      jobKey: fakeJob.key,
      kind: 'fakeStep',
      accountId: OWNER,
      region: 'us-west-2',
      dependsOn: [],
      input: { bucket: 'nope' },
    };
    const plan: Plan = { jobs: [...p.jobs, fakeJob], steps: [...p.steps, fakeStep as unknown as PlannedStep] };
    const seen: string[] = [];
    const fake = {
      run: () => Promise.reject(new Error('not run by the preflight')),
      check: async (step: { key: string; input: { bucket: string } }) => {
        seen.push(step.key);
        throw new CloudError('s3', 'NoSuchBucket', `The specified bucket does not exist: ${step.input.bucket}`, false);
      },
    };
    const definitions = { ...stepDefinitions, fakeStep: fake } as unknown as StepDefinitions;
    const jobs = await checkPlan(
      { cloud: w.ports, owner: { accountId: OWNER, region: 'us-east-1' }, input: input(), sourceEncrypted: false },
      plan,
      definitions,
    );
    assert.deepEqual(seen, ['fakeStep:us-west-2']);
    const faked = jobs.find((j) => j.key === fakeJob.key)!;
    assert.equal(faked.outcome, 'fail');
    assert.deepEqual(faked.cause, { code: 'NoSuchBucket', message: 'The specified bucket does not exist: nope' });
    assert.deepEqual(faked.steps, ['fakeStep:us-west-2']);
    // The real jobs are checked by their own kinds' checks and pass in this world.
    assert.deepEqual(
      jobs.filter((j) => j.key !== fakeJob.key).map((j) => [j.key, j.outcome]),
      p.jobs.map((j) => [j.key, 'ok']),
    );
  });

  it("checks each step with its own kind's check: a duplicate AMI name fails the copy's job", async () => {
    const w = world();
    const p = planDistribution(input());
    const copy = p.steps.find((s): s is Extract<PlannedStep, { kind: 'copyImage' }> => s.kind === 'copyImage' && s.accountId === TARGET)!;
    await w.ports.ec2.registerImage({ accountId: TARGET, region: 'us-west-2' }, { name: copy.input.name });
    const jobs = await checkPlan({ cloud: w.ports, owner: { accountId: OWNER, region: 'us-east-1' }, input: input(), sourceEncrypted: false }, p);
    const job = jobs.find((j) => j.key === copy.jobKey)!;
    assert.equal(job.outcome, 'fail');
    assert.equal(job.cause?.code, 'InvalidAMIName.Duplicate');
    assert.match(job.cause!.message, new RegExp(`AMI name ${copy.input.name} is already in use by AMI ami-`));
  });
});
