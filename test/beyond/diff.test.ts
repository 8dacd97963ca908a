// The settings diff: POST /_ibex/plan with a proposed UpdateDistributionConfiguration body, and
// `ibex plan --diff FILE`, list exactly the targets gained and lost; a bad proposal is the 400
// UpdateDistributionConfiguration would give; nothing changes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDistributionConfigurationCommand, GetDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { runCli } from '../cli/run-cli.js';
import { A1, A2, A3, BUCKET, OWNER, OWNER_LT, beyondWorld } from './world.js';

let srv: TestServer;
let arn: string;
const current = [
  {
    region: 'us-east-1',
    amiDistributionConfiguration: { name: 'web {{ imagebuilder:buildDate }}', targetAccountIds: [A1, A2], launchPermission: { userIds: [A3] } },
    launchTemplateConfigurations: [{ launchTemplateId: OWNER_LT['us-east-1'] }],
    ssmParameterConfigurations: [{ parameterName: '/web/latest' }],
  },
  {
    region: 'us-west-2',
    amiDistributionConfiguration: { name: 'web {{ imagebuilder:buildDate }}' },
    s3ExportConfiguration: { roleName: 'vmimport', diskImageFormat: 'RAW', s3Bucket: BUCKET },
  },
];
const proposed = [
  {
    region: 'us-east-1',
    amiDistributionConfiguration: {
      name: 'web2 {{ imagebuilder:buildDate }}',
      targetAccountIds: [A2, A3],
      launchPermission: { userIds: [A3], userGroups: ['all'] },
    },
    ssmParameterConfigurations: [{ parameterName: '/web/latest' }, { parameterName: '/web/stable', amiAccountId: A2 }],
  },
  { region: 'eu-west-1', amiDistributionConfiguration: { name: 'web {{ imagebuilder:buildDate }}', targetAccountIds: [A1] } },
];

before(async () => {
  srv = await startTestServer({ worldSpec: beyondWorld() });
  arn = (await srv.client().send(new CreateDistributionConfigurationCommand({ name: 'web', distributions: current as never }))).distributionConfigurationArn!;
});
after(() => srv.close());

async function post(body: unknown) {
  const res = await fetch(`${srv.url}/_ibex/plan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    status: res.status,
    body: (await res.json()) as {
      changes: { change: string; kind: string; region: string; accountId: string; key: string }[];
      unchanged: number;
      summary: { gained: number; lost: number };
      message?: string;
      __type?: string;
    },
  };
}

describe('settings diff', () => {
  it('lists exactly the gained and lost copies, launch permissions, parameters, templates and exports', async () => {
    const { status, body } = await post({ distributionConfigurationArn: arn, distributions: proposed });
    assert.equal(status, 200);
    const got = body.changes.map((c) => `${c.change} ${c.key}`).sort();
    assert.deepEqual(got, [
      `gain copy:eu-west-1:${A1}`,
      `gain copy:eu-west-1:${OWNER}`,
      `gain copy:us-east-1:${A3}`,
      'gain launchPermission:us-east-1:all',
      `gain ssmParameter:us-east-1:${A2}:/web/stable`,
      `lose copy:us-east-1:${A1}`,
      `lose copy:us-west-2:${OWNER}`,
      `lose export:us-west-2:s3://${BUCKET}/`,
      `lose launchTemplate:us-east-1:${OWNER}:${OWNER_LT['us-east-1']}`,
    ]);
    assert.deepEqual(body.summary, {
      gained: 5,
      lost: 4,
      byKind: {
        copy: { gained: 3, lost: 2 },
        launchPermission: { gained: 1, lost: 0 },
        ssmParameter: { gained: 1, lost: 0 },
        export: { gained: 0, lost: 1 },
        launchTemplate: { gained: 0, lost: 1 },
      },
    } as never);
    // Unchanged: the owner's and A2's copies in us-east-1, A3's launch permission, /web/latest.
    assert.equal(body.unchanged, 4);
    const stored = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
    assert.deepEqual(
      stored.distributionConfiguration?.distributions?.map((d) => d.region),
      ['us-east-1', 'us-west-2'],
      'the diff changes nothing',
    );
  });

  it('refuses a proposal UpdateDistributionConfiguration would refuse, with its error', async () => {
    const twice = await post({ distributionConfigurationArn: arn, distributions: [proposed[1], proposed[1]] });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.__type, 'InvalidParameterValueException');
    assert.match(twice.body.message!, /Only one distribution is allowed per Region/);
    const empty = await post({ distributionConfigurationArn: arn, distributions: 'none' });
    assert.equal(empty.status, 400);
    assert.match(empty.body.message!, /^distributions must be a list/);
    const noRegion = await post({ distributionConfigurationArn: arn, distributions: [{ amiDistributionConfiguration: {} }] });
    assert.equal(noRegion.status, 400);
    assert.equal(noRegion.body.message, "The value supplied for parameter 'distributions[0].region' is not valid. Member must not be null.");
    const missing = await post({ distributionConfigurationArn: arn.replace('/web', '/nope'), distributions: proposed });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.__type, 'ResourceNotFoundException');
  });

  it('ibex plan --diff FILE prints the gains and losses per Region and account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibex-diff-'));
    const file = join(dir, 'update.json');
    writeFileSync(file, JSON.stringify({ distributions: proposed }));
    const r = await runCli(['plan', '--settings', 'web', '--diff', file, '--endpoint-url', srv.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`us-east-1 / account ${A1}\\n\\s+CHANGE\\s+KIND\\s+WHAT\\n\\s+- loses\\s+copy\\s+AMI copy for account ${A1} in us-east-1`),
    );
    assert.match(r.stdout, /eu-west-1 \/ account 123456789012\n[^]*\+ gains\s+copy\s+AMI in eu-west-1/);
    assert.match(r.stdout, /5 gained, 4 lost, 4 unchanged/);
    const json = await runCli(['plan', '--diff', file, '--json', '--endpoint-url', srv.url]);
    assert.equal(json.code, 2);
    assert.match(json.stderr, /give --settings or distributionConfigurationArn/);
  });
});
