// The plan is a pure function: same input, same steps with stable keys; templates expand as AWS
// documents them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planDistribution, type PlanInput } from '../../src/engine/plan.js';
import { isKind } from '../../src/engine/step-inputs.js';
import { defaultAmiName, expandTemplates } from '../../src/engine/templates.js';

const date = new Date('2020-02-18T22:49:08.131Z');

describe('templates', () => {
  it('expands buildDate and buildVersion with or without spaces inside the braces', () => {
    assert.equal(
      expandTemplates('My {{imagebuilder:buildVersion}} image {{imagebuilder:buildDate}}', { buildDate: date, buildVersion: 6 }),
      'My 6 image 2020-02-18T22-49-08.131Z',
    );
    assert.equal(expandTemplates('x {{ imagebuilder:buildDate }}', { buildDate: date, buildVersion: 1 }), 'x 2020-02-18T22-49-08.131Z');
  });

  it('formats {{imagebuilder:buildDate:<format>}} in UTC', () => {
    assert.equal(expandTemplates('n-{{imagebuilder:buildDate:yyyyMMddHHmmss}}', { buildDate: date, buildVersion: 1 }), 'n-20200218224908');
    assert.equal(expandTemplates('{{ imagebuilder:buildDate:yyyy-MM-dd }}', { buildDate: date, buildVersion: 1 }), '2020-02-18');
  });

  it('leaves unknown templates as written', () => {
    assert.equal(expandTemplates('{{ssm:/a/b}} {{imagebuilder:other}}', { buildDate: date, buildVersion: 1 }), '{{ssm:/a/b}} {{imagebuilder:other}}');
  });

  it("names an unnamed AMI '<image name> <timestamp>' keeping the name's case", () => {
    assert.equal(defaultAmiName('Ubuntu-2004-with-latest-SSM-Agent', date), 'Ubuntu-2004-with-latest-SSM-Agent 2020-02-18T22-49-08.131Z');
  });
});

const input: PlanInput = {
  ownerAccountId: '123456789012',
  imageArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image/app/1.0.0/3',
  imageName: 'app',
  source: { kind: 'ami', accountId: '123456789012', region: 'us-east-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', name: 'app', platform: 'Linux' },
  distributions: [
    {
      region: 'eu-west-1',
      amiDistributionConfiguration: {
        name: 'app-{{imagebuilder:buildVersion}}-{{imagebuilder:buildDate}}',
        targetAccountIds: ['111122223333'],
        amiTags: { v: '{{imagebuilder:buildVersion}}' },
      },
      launchTemplateConfigurations: [{ launchTemplateId: 'lt-0aaaaaaaaaaaaaaaa', accountId: '111122223333' }],
      ssmParameterConfigurations: [{ parameterName: '/p', amiAccountId: '111122223333' }],
    },
  ],
  template: { buildDate: date, buildVersion: 3 },
};

describe('planDistribution', () => {
  it('is deterministic and gives steps stable keys', () => {
    const a = planDistribution(input);
    const b = planDistribution(structuredClone(input));
    assert.deepEqual(a, b);
    assert.deepEqual(
      a.steps.map((s) => s.key),
      [
        'copyImage:eu-west-1:123456789012',
        'image:eu-west-1:123456789012',
        'grantLaunch:eu-west-1:111122223333',
        'copyImage:eu-west-1:111122223333',
        'image:eu-west-1:111122223333',
        'launchTemplate:eu-west-1:111122223333:lt-0aaaaaaaaaaaaaaaa',
        'ssmParameter:eu-west-1:111122223333:/p',
      ],
    );
  });

  it('expands names and tags, and adds CreatedBy and Ec2ImageBuilderArn', () => {
    const copy = planDistribution(input)
      .steps.filter(isKind('copyImage'))
      .find((s) => s.key === 'copyImage:eu-west-1:111122223333')!;
    assert.equal(copy.input.name, 'app-3-2020-02-18T22-49-08.131Z');
    assert.deepEqual(copy.input.tags, { v: '3', CreatedBy: 'EC2 Image Builder', Ec2ImageBuilderArn: input.imageArn });
    assert.equal(copy.accountId, '111122223333');
  });

  it("points target accounts' launch templates at the owner's AMI and SSM parameters at the chosen account's", () => {
    const steps = planDistribution(input).steps;
    assert.deepEqual(steps.find((s) => s.kind === 'launchTemplate')!.dependsOn, ['image:eu-west-1:123456789012']);
    assert.deepEqual(steps.find((s) => s.kind === 'ssmParameter')!.dependsOn, ['image:eu-west-1:111122223333']);
  });

  it("copies to a target account from the owner's AMI in the Region, after granting it launch permission", () => {
    const steps = planDistribution(input).steps;
    const grant = steps.find((s) => s.kind === 'grantLaunch')!;
    assert.equal(grant.accountId, '123456789012', 'the owner grants: the source may belong to Amazon');
    assert.equal(grant.region, 'eu-west-1');
    assert.deepEqual(grant.dependsOn, ['image:eu-west-1:123456789012']);
    const copy = steps.filter(isKind('copyImage')).find((s) => s.key === 'copyImage:eu-west-1:111122223333')!;
    assert.deepEqual(copy.dependsOn, [grant.key]);
    assert.equal(copy.input.sourceImageStep, 'image:eu-west-1:123456789012');
    assert.equal(copy.input.sourceRegion, 'eu-west-1');
  });

  it('skips fast launch when enabled is false and plans no AMI steps for a container-only Region', () => {
    const plan = planDistribution({
      ...input,
      distributions: [
        { region: 'us-west-2', fastLaunchConfigurations: [{ enabled: false }], amiDistributionConfiguration: {} },
        { region: 'eu-central-1', containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'r' } } },
      ],
    });
    assert.equal(
      plan.steps.some((s) => s.kind === 'fastLaunch'),
      false,
    );
    assert.equal(
      plan.steps.some((s) => s.region === 'eu-central-1'),
      false,
      'an AMI source has no container to push',
    );
  });
});
