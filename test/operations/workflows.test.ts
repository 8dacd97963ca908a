// The workflow resource operations through the AWS SDK: CreateWorkflow (inline or from the
// world's S3, build numbers for changed documents, AWS's errors for bad documents), GetWorkflow,
// ListWorkflows (Self and the AWS-managed ones), ListWorkflowBuildVersions, DeleteWorkflow with
// its dependency error, and the checks of `workflows` on CreateImage.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  CreateImagePipelineCommand,
  CreateWorkflowCommand,
  DeleteWorkflowCommand,
  GetWorkflowCommand,
  ListWorkflowBuildVersionsCommand,
  ListWorkflowsCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { OWNER } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

const IB = `arn:aws:imagebuilder:us-east-1:${OWNER}`;

/** The TEST workflow of Terraform's acceptance tests. */
const TF_TEST = `name: test-image
description: Workflow to test an image
schemaVersion: 1.0
parameters:
  - name: waitForActionAtEnd
    type: boolean
steps:
  - name: LaunchTestInstance
    action: LaunchInstance
    onFailure: Abort
    inputs:
      waitFor: "ssmAgent"
  - name: TerminateTestInstance
    action: TerminateInstance
    onFailure: Continue
    inputs:
      instanceId.$: "$.stepOutputs.LaunchTestInstance.instanceId"
  - name: WaitForActionAtEnd
    action: WaitForAction
    if:
      booleanEquals: true
      value: "$.parameters.waitForActionAtEnd"
`;

const steps = (...lines: string[]) => `schemaVersion: 1.0\nsteps:\n${lines.join('\n')}\n`;

let srv: TestServer;
let c: ImagebuilderClient;
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld() });
  c = srv.client();
});
after(() => srv.close());

async function create(name: string, data: string, type: 'BUILD' | 'TEST' | 'DISTRIBUTION' = 'TEST', version = '1.0.0') {
  return c.send(new CreateWorkflowCommand({ name, semanticVersion: version, type, data }));
}

async function docError(data: string, type: 'BUILD' | 'TEST' | 'DISTRIBUTION' = 'BUILD') {
  const e = await errorOf(() => create(`bad-${Math.random().toString(36).slice(2, 8)}`, data, type));
  assert.equal(e.name, 'InvalidParameterValueException');
  assert.equal(e.$metadata.httpStatusCode, 400);
  return e.message.replace("The value supplied for parameter 'data' is not valid. ", '');
}

describe('CreateWorkflow and GetWorkflow', () => {
  it('creates build 1 of a version and returns the document and its parameters', async () => {
    const out = await create('TF Test_Image', TF_TEST);
    assert.equal(out.workflowBuildVersionArn, `${IB}:workflow/test/tf-test-image/1.0.0/1`);
    assert.deepEqual(out.latestVersionReferences, {
      latestVersionArn: `${IB}:workflow/test/tf-test-image/1.0.0/1`,
      latestMajorVersionArn: `${IB}:workflow/test/tf-test-image/1.0.0/1`,
      latestMinorVersionArn: `${IB}:workflow/test/tf-test-image/1.0.0/1`,
      latestPatchVersionArn: `${IB}:workflow/test/tf-test-image/1.0.0/1`,
    });
    const { workflow } = await c.send(new GetWorkflowCommand({ workflowBuildVersionArn: `${IB}:workflow/test/tf-test-image/x.x.x` }));
    assert.equal(workflow?.arn, out.workflowBuildVersionArn);
    assert.equal(workflow?.name, 'TF Test_Image');
    assert.equal(workflow?.version, '1.0.0');
    assert.equal(workflow?.type, 'TEST');
    assert.equal(workflow?.owner, OWNER);
    assert.equal(workflow?.data, TF_TEST);
    assert.deepEqual(workflow?.parameters, [{ name: 'waitForActionAtEnd', type: 'boolean' }]);
    assert.deepEqual(workflow?.tags, {});
    assert.match(workflow?.dateCreated ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('makes a new build for a changed document and refuses the same document again', async () => {
    const first = await create('rebuilt', TF_TEST);
    const dup = await errorOf(() => create('rebuilt', TF_TEST));
    assert.equal(dup.name, 'ResourceAlreadyExistsException');
    assert.equal(dup.message, `The following resource 'Workflow' already exists: '${first.workflowBuildVersionArn}'.`);
    const second = await create('rebuilt', TF_TEST.replace('Workflow to test an image', 'Second build'));
    assert.equal(second.workflowBuildVersionArn, `${IB}:workflow/test/rebuilt/1.0.0/2`);
    const { workflow } = await c.send(new GetWorkflowCommand({ workflowBuildVersionArn: `${IB}:workflow/test/rebuilt/1.0.0` }));
    assert.equal(workflow?.arn, second.workflowBuildVersionArn);
    const { workflowSummaryList } = await c.send(new ListWorkflowBuildVersionsCommand({ workflowVersionArn: `${IB}:workflow/test/rebuilt/1.0.0` }));
    assert.deepEqual(
      workflowSummaryList?.map((w) => w.arn),
      [first.workflowBuildVersionArn, second.workflowBuildVersionArn],
    );
  });

  it('reads the document from an S3 object of the world (uri)', async () => {
    await srv.services.cloud.s3.putObject(
      { accountId: OWNER, region: 'us-west-2' },
      { bucket: 'ibex-test-exports', key: 'workflows/test.yaml', body: TF_TEST },
    );
    const out = await c.send(
      new CreateWorkflowCommand({
        name: 'from-s3',
        semanticVersion: '2.0.0',
        type: 'TEST',
        uri: 's3://ibex-test-exports/workflows/test.yaml',
        tags: { team: 'qa' },
      }),
    );
    const { workflow } = await c.send(new GetWorkflowCommand({ workflowBuildVersionArn: out.workflowBuildVersionArn }));
    assert.equal(workflow?.data, TF_TEST);
    assert.deepEqual(workflow?.tags, { team: 'qa' });
    const missing = await errorOf(() =>
      c.send(new CreateWorkflowCommand({ name: 'from-s3-missing', semanticVersion: '1.0.0', type: 'TEST', uri: 's3://ibex-test-exports/nope.yaml' })),
    );
    assert.equal(missing.name, 'InvalidParameterValueException');
    assert.equal(
      missing.message,
      "The value supplied for parameter 'uri' is not valid. The object 's3://ibex-test-exports/nope.yaml' cannot be read: NoSuchKey: The specified key does not exist.",
    );
  });

  it('needs exactly one of data and uri, a plain x.y.z version, and answers a dry run with 412', async () => {
    const both = await errorOf(() =>
      c.send(new CreateWorkflowCommand({ name: 'both', semanticVersion: '1.0.0', type: 'TEST', data: TF_TEST, uri: 's3://b/k' })),
    );
    assert.equal(both.name, 'InvalidParameterCombinationException');
    const neither = await errorOf(() => c.send(new CreateWorkflowCommand({ name: 'neither', semanticVersion: '1.0.0', type: 'TEST' })));
    assert.equal(neither.name, 'InvalidParameterCombinationException');
    const dry = await errorOf(() => c.send(new CreateWorkflowCommand({ name: 'dry', semanticVersion: '1.0.0', type: 'TEST', data: TF_TEST, dryRun: true })));
    assert.equal(dry.name, 'DryRunOperationException');
    assert.equal(dry.$metadata.httpStatusCode, 412);
    const gone = await errorOf(() => c.send(new GetWorkflowCommand({ workflowBuildVersionArn: `${IB}:workflow/test/dry/1.0.0/1` })));
    assert.equal(gone.name, 'ResourceNotFoundException');
    assert.equal(gone.$metadata.httpStatusCode, 404);
  });

  it('rejects documents that break the language, naming what is wrong', async () => {
    const dist = `  - name: Ship\n    action: DistributeImage`;
    assert.equal(await docError(steps(dist), 'BUILD'), "steps[0].action: the action 'DistributeImage' is not allowed in a BUILD workflow.");
    assert.equal(
      await docError(steps('  - name: Scan\n    action: CollectImageScanFindings\n    inputs:\n      instanceId: i-1'), 'BUILD'),
      "steps[0].action: the action 'CollectImageScanFindings' is not allowed in a BUILD workflow.",
    );
    assert.equal(await docError(steps('  - name: Nope\n    action: MakeCoffee')), "steps[0].action: 'MakeCoffee' is not a supported step action.");
    assert.equal(
      await docError(steps('  - name: Wait\n    action: WaitForAction', '  - name: Wait\n    action: WaitForAction')),
      "steps[1].name: the step name 'Wait' is used more than once.",
    );
    assert.equal(
      await docError(steps('  - name: Wait\n    action: WaitForAction\n    if:\n      booleanEquals: true\n      value: "$.parameters.missing"')),
      "steps[0].if: '$.parameters.missing' refers to a parameter that the document does not declare.",
    );
    assert.equal(
      await docError(
        steps(
          '  - name: Stop\n    action: TerminateInstance\n    inputs:\n      instanceId.$: "$.stepOutputs.Launch.instanceId"',
          '  - name: Launch\n    action: LaunchInstance\n    inputs:\n      waitFor: ssmAgent',
        ),
      ),
      "steps[0].inputs.instanceId.$: '$.stepOutputs.Launch.instanceId' refers to a step that does not run before this one.",
    );
    assert.equal(
      await docError(steps('  - name: Launch\n    action: LaunchInstance')),
      "steps[0].inputs: the action 'LaunchInstance' requires the input 'waitFor'.",
    );
    assert.equal(
      await docError(steps('  - name: Wait\n    action: WaitForAction\n    timeoutSeconds: 604801')),
      "steps[0].timeoutSeconds must be an integer from 1 to 604800 for the action 'WaitForAction'.",
    );
    assert.equal(await docError(steps('  - name: Wait\n    action: WaitForAction\n    onFailure: Retry')), 'steps[0].onFailure must be Abort or Continue.');
    assert.equal(await docError(steps('  - name: Wait\n    action: WaitForAction\n    loop: 3')), "steps[0]: unknown field 'loop'.");
    const many = Array.from({ length: 16 }, (_, i) => `  - name: Wait${i}\n    action: WaitForAction`);
    assert.equal(await docError(steps(...many)), 'A workflow can have at most 15 steps; this one has 16.');
    assert.equal(await docError('steps:\n  - name: Wait\n    action: WaitForAction\n'), "The document must have a 'schemaVersion'.");
    assert.equal(await docError('schemaVersion: 2.0\nsteps: []\n'), "The schemaVersion '2' is not supported; use 1.0.");
    assert.match(await docError('schemaVersion: 1.0\nsteps: [\n'), /^The document is not valid YAML: /);
    assert.equal(
      await docError(steps('  - name: Wait\n    action: WaitForAction\n    if:\n      numberEquals: "five"\n      value: 5')),
      'steps[0].if.numberEquals: must be a number.',
    );
    assert.equal(
      await docError(steps(dist, '  - name: Push\n    action: DistributeContainerImage'), 'DISTRIBUTION'),
      'A workflow cannot combine DistributeContainerImage with DistributeImage, ModifyImageAttributes or ApplyImageConfigurations.',
    );
    // Nothing was created by any of them.
    const { workflowVersionList } = await c.send(new ListWorkflowsCommand({ filters: [{ name: 'name', values: ['bad'] }] }));
    assert.deepEqual(workflowVersionList, []);
  });
});

describe('ListWorkflows and the AWS-managed workflows', () => {
  it('lists the AWS-managed workflows with owner Amazon, and their documents', async () => {
    const { workflowVersionList } = await c.send(new ListWorkflowsCommand({ owner: 'Amazon' }));
    assert.deepEqual(
      workflowVersionList?.map((w) => `${w.type} ${w.name} ${w.version} ${w.owner}`),
      [
        'BUILD build-image 1.0.0 aws',
        'BUILD build-container 1.0.0 aws',
        'BUILD express-build-image 1.0.0 aws',
        'BUILD express-build-container 1.0.0 aws',
        'TEST test-image 1.0.0 aws',
        'TEST test-container 1.0.0 aws',
        'TEST express-test-image 1.0.0 aws',
        'DISTRIBUTION distribute-image 1.0.0 aws',
        'DISTRIBUTION distribute-container 1.0.0 aws',
      ],
    );
    assert.equal(workflowVersionList?.[0]?.arn, 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0');
    const { workflow } = await c.send(
      new GetWorkflowCommand({ workflowBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-image/x.x.x' }),
    );
    assert.equal(workflow?.arn, 'arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-image/1.0.0/1');
    assert.match(workflow?.data ?? '', /action: DistributeImage[\s\S]*action: ModifyImageAttributes[\s\S]*action: ApplyImageConfigurations/);
    // Every managed document is one CreateWorkflow accepts for its type.
    for (const w of workflowVersionList ?? []) {
      const got = await c.send(new GetWorkflowCommand({ workflowBuildVersionArn: w.arn }));
      const mine = await create(`copy-of-${w.name}`, got.workflow!.data!, w.type!);
      assert.match(mine.workflowBuildVersionArn ?? '', new RegExp(`:workflow/${w.type!.toLowerCase()}/copy-of-${w.name}/1\\.0\\.0/1$`));
    }
  });

  it("lists the caller's versions with filters, refuses Shared and byName with a version filter", async () => {
    await create('listed-a', TF_TEST, 'TEST', '1.0.0');
    await create('listed-a', TF_TEST, 'TEST', '1.2.0');
    const { workflowVersionList } = await c.send(new ListWorkflowsCommand({ filters: [{ name: 'name', values: ['listed-a'] }] }));
    assert.deepEqual(
      workflowVersionList?.map((w) => w.arn),
      [`${IB}:workflow/test/listed-a/1.0.0`, `${IB}:workflow/test/listed-a/1.2.0`],
    );
    const byName = await c.send(new ListWorkflowsCommand({ byName: true, filters: [{ name: 'name', values: ['listed-a'] }] }));
    assert.deepEqual(
      byName.workflowVersionList?.map((w) => w.version),
      ['1.2.0'],
    );
    const shared = await errorOf(() => c.send(new ListWorkflowsCommand({ owner: 'Shared' })));
    assert.equal(shared.name, 'InvalidParameterValueException');
    const combo = await errorOf(() => c.send(new ListWorkflowsCommand({ byName: true, filters: [{ name: 'version', values: ['1.0.0'] }] })));
    assert.equal(combo.name, 'InvalidParameterCombinationException');
    const market = await c.send(new ListWorkflowsCommand({ owner: 'AWSMarketplace' }));
    assert.deepEqual(market.workflowVersionList, []);
  });
});

describe('workflows on images and pipelines, and DeleteWorkflow', () => {
  it('checks the attached workflows: role, parameters, one DISTRIBUTION workflow', async () => {
    const wf = (await create('attached', TF_TEST)).workflowBuildVersionArn!;
    const inputs = await buildInputs(c, 'attached');
    const noRole = await errorOf(() =>
      c.send(new CreateImageCommand({ ...inputs, workflows: [{ workflowArn: wf, parameters: [{ name: 'waitForActionAtEnd', value: ['false'] }] }] })),
    );
    assert.equal(noRole.name, 'InvalidParameterCombinationException');
    assert.equal(
      noRole.message,
      "The value supplied for parameter 'executionRole' is not valid. An execution role is required when custom workflows are specified.",
    );
    const required = await errorOf(() => c.send(new CreateImageCommand({ ...inputs, executionRole: 'r', workflows: [{ workflowArn: wf }] })));
    assert.equal(
      required.message,
      "The value supplied for parameter 'workflows[0].parameters' is not valid. The workflow parameter 'waitForActionAtEnd' has no default value and must be given.",
    );
    const unknown = await errorOf(() =>
      c.send(
        new CreateImageCommand({
          ...inputs,
          executionRole: 'r',
          workflows: [
            {
              workflowArn: wf,
              parameters: [
                { name: 'waitForActionAtEnd', value: ['false'] },
                { name: 'other', value: ['x'] },
              ],
            },
          ],
        }),
      ),
    );
    assert.equal(
      unknown.message,
      "The value supplied for parameter 'workflows[0].parameters[1].name' is not valid. The workflow declares no parameter 'other'.",
    );
    const notBool = await errorOf(() =>
      c.send(
        new CreateImageCommand({
          ...inputs,
          executionRole: 'r',
          workflows: [{ workflowArn: wf, parameters: [{ name: 'waitForActionAtEnd', value: ['yes'] }] }],
        }),
      ),
    );
    assert.equal(
      notBool.message,
      "The value supplied for parameter 'workflows[0].parameters[0].value' is not valid. The value 'yes' of parameter 'waitForActionAtEnd' is not true or false.",
    );
    const dist = 'arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-image/x.x.x';
    const two = await errorOf(() => c.send(new CreateImageCommand({ ...inputs, workflows: [{ workflowArn: dist }, { workflowArn: dist }] })));
    assert.equal(two.message, "The value supplied for parameter 'workflows' is not valid. An image can have at most one DISTRIBUTION workflow.");
    const missing = await errorOf(() =>
      c.send(new CreateImageCommand({ ...inputs, executionRole: 'r', workflows: [{ workflowArn: `${IB}:workflow/test/nope/x.x.x` }] })),
    );
    assert.equal(missing.name, 'ResourceNotFoundException');
  });

  it('refuses to delete a workflow a pipeline uses, then deletes it', async () => {
    const wf = (await create('piped', TF_TEST.replace('type: boolean', 'type: boolean\n    default: false'))).workflowBuildVersionArn!;
    const inputs = await buildInputs(c, 'piped');
    const { imagePipelineArn } = await c.send(
      new CreateImagePipelineCommand({
        name: 'piped',
        ...inputs,
        executionRole: 'ImageBuilderRole',
        workflows: [{ workflowArn: wf.replace(/1\.0\.0\/1$/, '1.x.x') }],
      }),
    );
    assert.ok(imagePipelineArn);
    const dep = await errorOf(() => c.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: wf })));
    assert.equal(dep.name, 'ResourceDependencyException');
    assert.equal(dep.message, `Resource dependency error: The resource ARN '${wf}' has other resources depended on it.`);
    const other = (await create('unpiped', TF_TEST)).workflowBuildVersionArn!;
    const out = await c.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: other }));
    assert.equal(out.workflowBuildVersionArn, other);
    const gone = await errorOf(() => c.send(new GetWorkflowCommand({ workflowBuildVersionArn: other })));
    assert.equal(gone.name, 'ResourceNotFoundException');
    const twice = await errorOf(() => c.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: other })));
    assert.equal(twice.name, 'ResourceNotFoundException');
  });
});
