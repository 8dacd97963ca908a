// End to end with the installed AWS CLI (botocore signs and serializes, exactly as users run it):
// create, get, list, update, tag, untag, list-tags, delete, and the CLI's rendering of an error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { awsCli, cliConfigDir, cliJson, type CliResult } from '../helpers/aws-cli.js';
import { startServer, type IbexServer } from '../../src/server/app.js';

let srv: IbexServer;
let dir: string;
let cliMajor = 1;

function aws(args: string[], opts: { accessKey?: string; secret?: string } = {}): Promise<CliResult> {
  return awsCli(srv.url, dir, args, opts);
}

const json = cliJson;

before(async () => {
  dir = cliConfigDir('ibex-cli-');
  srv = await startServer({ inMemory: true, port: 0, host: '127.0.0.1', logLevel: 'silent' });
  const version = await new Promise<string>((resolve, reject) =>
    execFile('aws', ['--version'], { timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(err) : resolve(`${stdout}${stderr}`))),
  );
  const m = /aws-cli\/(\d+)\./.exec(version);
  assert.ok(m, `unexpected 'aws --version' output: ${version}`);
  cliMajor = Number(m[1]);
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/cli-flow';
const DISTRIBUTIONS = [
  {
    region: 'us-east-1',
    amiDistributionConfiguration: {
      name: 'cli {{ imagebuilder:buildDate }}',
      targetAccountIds: ['111122223333'],
      amiTags: { purpose: 'e2e' },
    },
  },
];
const UPDATED = [
  { region: 'us-east-1', amiDistributionConfiguration: { name: 'cli-v2 {{ imagebuilder:buildDate }}' } },
  { region: 'eu-west-1', containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'app' }, containerTags: ['latest'] } },
];

describe('aws CLI end to end', () => {
  it('runs create, get, list, update, tag, untag, list-tags and delete', async () => {
    // create
    const created = json(
      await aws([
        'create-distribution-configuration',
        '--name',
        'CLI Flow',
        '--description',
        'made by the aws cli',
        '--distributions',
        JSON.stringify(DISTRIBUTIONS),
        '--tags',
        'env=test,owner=qa',
        '--client-token',
        'cli-token-1',
      ]),
    );
    assert.equal(created.distributionConfigurationArn, ARN);
    assert.equal(created.clientToken, 'cli-token-1');
    assert.match(created.requestId, /^[0-9a-f-]{36}$/);

    // get
    const got = json(await aws(['get-distribution-configuration', '--distribution-configuration-arn', ARN]));
    const dc = got.distributionConfiguration;
    assert.equal(dc.arn, ARN);
    assert.equal(dc.name, 'CLI Flow');
    assert.equal(dc.description, 'made by the aws cli');
    assert.deepEqual(dc.distributions, DISTRIBUTIONS);
    assert.deepEqual(dc.tags, { env: 'test', owner: 'qa' });
    assert.equal(dc.timeoutMinutes, 720);
    assert.ok(Math.abs(Date.parse(dc.dateCreated) - Date.now()) < 120_000, dc.dateCreated);
    assert.equal(dc.dateUpdated, undefined);

    // list
    const listed = json(await aws(['list-distribution-configurations', '--filters', JSON.stringify([{ name: 'name', values: ['CLI Flow'] }])]));
    assert.equal(listed.distributionConfigurationSummaryList.length, 1);
    const summary = listed.distributionConfigurationSummaryList[0];
    assert.equal(summary.arn, ARN);
    assert.equal(summary.name, 'CLI Flow');
    assert.equal(summary.description, 'made by the aws cli');
    assert.deepEqual(summary.regions, ['us-east-1']);
    assert.deepEqual(summary.tags, { env: 'test', owner: 'qa' });
    assert.equal(listed.nextToken, undefined);

    // update
    const updated = json(
      await aws([
        'update-distribution-configuration',
        '--distribution-configuration-arn',
        ARN,
        '--description',
        'updated by the aws cli',
        '--distributions',
        JSON.stringify(UPDATED),
        '--client-token',
        'cli-token-2',
      ]),
    );
    assert.equal(updated.distributionConfigurationArn, ARN);
    assert.equal(updated.clientToken, 'cli-token-2');
    const afterUpdate = json(await aws(['get-distribution-configuration', '--distribution-configuration-arn', ARN])).distributionConfiguration;
    assert.equal(afterUpdate.name, 'CLI Flow');
    assert.equal(afterUpdate.description, 'updated by the aws cli');
    assert.deepEqual(afterUpdate.distributions, UPDATED);
    assert.deepEqual(afterUpdate.tags, { env: 'test', owner: 'qa' });
    assert.equal(afterUpdate.dateCreated, dc.dateCreated);
    assert.ok(afterUpdate.dateUpdated, 'dateUpdated is set by an update');
    const listedAgain = json(await aws(['list-distribution-configurations', '--filters', JSON.stringify([{ name: 'name', values: ['CLI Flow'] }])]));
    assert.deepEqual(listedAgain.distributionConfigurationSummaryList[0].regions, ['us-east-1', 'eu-west-1']);

    // tag-resource (empty response: the CLI prints nothing)
    const tagged = await aws(['tag-resource', '--resource-arn', ARN, '--tags', 'team=platform,env=prod']);
    assert.equal(tagged.code, 0, tagged.stderr);
    assert.equal(tagged.stdout.trim(), '');

    // untag-resource with two keys (a repeated tagKeys query key), one of them unknown
    const untagged = await aws(['untag-resource', '--resource-arn', ARN, '--tag-keys', 'owner', 'no-such-key']);
    assert.equal(untagged.code, 0, untagged.stderr);
    assert.equal(untagged.stdout.trim(), '');

    // list-tags-for-resource
    const tags = json(await aws(['list-tags-for-resource', '--resource-arn', ARN]));
    assert.deepEqual(tags, { tags: { env: 'prod', team: 'platform' } });

    // delete
    const deleted = json(await aws(['delete-distribution-configuration', '--distribution-configuration-arn', ARN]));
    assert.equal(deleted.distributionConfigurationArn, ARN);
    assert.match(deleted.requestId, /^[0-9a-f-]{36}$/);

    // get after delete: the CLI's error rendering and exit code (v1: 255, v2: 254)
    const gone = await aws(['get-distribution-configuration', '--distribution-configuration-arn', ARN]);
    assert.equal(gone.code, cliMajor >= 2 ? 254 : 255, `exit code for a service error (stderr: ${gone.stderr})`);
    assert.equal(gone.stdout, '');
    const line = gone.stderr.trim();
    assert.ok(line.startsWith('An error occurred (ResourceNotFoundException) when calling the GetDistributionConfiguration operation: '), line);
    assert.ok(line.includes(ARN), line);

    const empty = json(await aws(['list-distribution-configurations', '--filters', JSON.stringify([{ name: 'name', values: ['CLI Flow'] }])]));
    assert.deepEqual(empty.distributionConfigurationSummaryList, []);
  });

  it('renders a validation error with its code and parameter path', async () => {
    const bad = [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'no build date' } }];
    const r = await aws(['create-distribution-configuration', '--name', 'cli-bad', '--distributions', JSON.stringify(bad)]);
    assert.equal(r.code, cliMajor >= 2 ? 254 : 255, r.stderr);
    assert.ok(
      r.stderr.includes(
        "An error occurred (InvalidParameterValueException) when calling the CreateDistributionConfiguration operation: The value supplied for parameter 'distributions[0].amiDistributionConfiguration.name' is not valid.",
      ),
      r.stderr,
    );
  });
});
