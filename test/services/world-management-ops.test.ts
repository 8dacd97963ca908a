// The world's management calls over the wire with the SDK v3 clients: deleting launch templates,
// switching block public access for AMIs, listing, detaching and deleting IAM roles, reading KMS
// key policies, and listing an organization's accounts and OUs — each with the outcome in the
// world after it and the errors of its rules.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateLaunchTemplateCommand,
  DeleteLaunchTemplateCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplatesCommand,
  DisableImageBlockPublicAccessCommand,
  EC2Client,
  EnableImageBlockPublicAccessCommand,
  GetImageBlockPublicAccessStateCommand,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { ListAccountsCommand, ListOrganizationalUnitsForParentCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
const cfg = (accountId: string = FX.owner, region: string = FX.region) => ({
  endpoint: srv.url,
  region,
  maxAttempts: 1,
  credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
});
type WireErr = Error & { $metadata: { httpStatusCode?: number } };
const failure = (p: Promise<unknown>): Promise<WireErr> =>
  p.then(
    () => assert.fail('expected the call to fail'),
    (e: WireErr) => e,
  );

before(async () => (srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() })));
after(() => srv?.close());

describe('EC2 launch templates and block public access', () => {
  it('deletes a template by id or name with all its versions; another account’s is not found', async () => {
    const ec2 = new EC2Client(cfg());
    const outsider = new EC2Client(cfg(FX.outsider));
    const made = (await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'to-delete', LaunchTemplateData: { ImageId: FX.linuxImageId } })))
      .LaunchTemplate!;
    const byName = (
      await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'to-delete-by-name', LaunchTemplateData: { ImageId: FX.linuxImageId } }))
    ).LaunchTemplate!;
    assert.equal(
      (await failure(outsider.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: made.LaunchTemplateId })))).name,
      'InvalidLaunchTemplateId.NotFound',
    );
    const dry = await failure(ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: made.LaunchTemplateId, DryRun: true })));
    assert.equal(dry.name, 'DryRunOperation');
    const gone = await ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: made.LaunchTemplateId }));
    assert.deepEqual([gone.LaunchTemplate!.LaunchTemplateId, gone.LaunchTemplate!.LaunchTemplateName], [made.LaunchTemplateId, 'to-delete']);
    await ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: 'to-delete-by-name' }));
    for (const id of [made.LaunchTemplateId!, byName.LaunchTemplateId!]) {
      assert.equal((await failure(ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id] })))).name, 'InvalidLaunchTemplateId.NotFound');
    }
    assert.equal(
      (await failure(ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: made.LaunchTemplateId })))).name,
      'InvalidLaunchTemplateId.NotFound',
    );
    // The fixture's own template is untouched.
    assert.equal((await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [FX.launchTemplateId] }))).LaunchTemplates!.length, 1);
    for (const c of [ec2, outsider]) c.destroy();
  });

  it('turns block public access on and off per account and Region; public sharing follows it', async () => {
    const ec2 = new EC2Client(cfg());
    const state = async (c: EC2Client) => (await c.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState;
    const id = (await ec2.send(new RegisterImageCommand({ Name: 'bpa-toggle' }))).ImageId!;
    assert.equal(await state(ec2), 'unblocked');
    assert.equal(
      (await ec2.send(new EnableImageBlockPublicAccessCommand({ ImageBlockPublicAccessState: 'block-new-sharing' }))).ImageBlockPublicAccessState,
      'block-new-sharing',
    );
    assert.equal(await state(ec2), 'block-new-sharing');
    // Only this account and Region: the member's us-east-1 is still unblocked.
    assert.equal(await state(new EC2Client(cfg(FX.member))), 'unblocked');
    const blocked = await failure(ec2.send(new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: [{ Group: 'all' }] } })));
    assert.equal(blocked.name, 'OperationNotPermitted');
    assert.equal((await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!.Public, false);
    assert.equal((await ec2.send(new DisableImageBlockPublicAccessCommand({}))).ImageBlockPublicAccessState, 'unblocked');
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    assert.equal((await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!.Public, true);
    ec2.destroy();
  });
});

describe('IAM roles', () => {
  it('lists roles, refuses to delete one with policies, detaches (the permission goes), then deletes', async () => {
    const iam = new IAMClient(cfg(FX.member));
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.owner}:root` }, Action: 'sts:AssumeRole' }],
    });
    const policy = 'arn:aws:iam::aws:policy/AmazonSSMFullAccess';
    await iam.send(new CreateRoleCommand({ RoleName: 'ssm-writer', AssumeRolePolicyDocument: trust, Path: '/team/' }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'ssm-writer', PolicyArn: policy }));
    const names = async (PathPrefix?: string) => (await iam.send(new ListRolesCommand(PathPrefix ? { PathPrefix } : {}))).Roles!.map((r) => r.RoleName);
    assert.ok((await names()).includes('ssm-writer'));
    assert.deepEqual(await names('/team/'), ['ssm-writer']);
    const page = await iam.send(new ListRolesCommand({ MaxItems: 1 }));
    assert.deepEqual([page.Roles!.length, page.IsTruncated], [1, true]);

    const { Credentials: c } = await new STSClient(cfg()).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${FX.member}:role/team/ssm-writer`, RoleSessionName: 'iam-test' }),
    );
    const asRole = new SSMClient({
      ...cfg(),
      credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
    });
    await asRole.send(new PutParameterCommand({ Name: '/iam/before', Value: 'v', Type: 'String' }));

    const conflict = await failure(iam.send(new DeleteRoleCommand({ RoleName: 'ssm-writer' })));
    assert.deepEqual([conflict.name, conflict.$metadata.httpStatusCode], ['DeleteConflictException', 409]);
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'ssm-writer', PolicyArn: policy }));
    assert.equal((await failure(iam.send(new DetachRolePolicyCommand({ RoleName: 'ssm-writer', PolicyArn: policy })))).name, 'NoSuchEntityException');
    assert.equal((await failure(asRole.send(new PutParameterCommand({ Name: '/iam/after', Value: 'v', Type: 'String' })))).name, 'AccessDeniedException');
    await iam.send(new DeleteRoleCommand({ RoleName: 'ssm-writer' }));
    assert.equal((await failure(iam.send(new GetRoleCommand({ RoleName: 'ssm-writer' })))).name, 'NoSuchEntityException');
    assert.equal((await names()).includes('ssm-writer'), false);
    assert.equal((await failure(iam.send(new DeleteRoleCommand({ RoleName: 'ssm-writer' })))).name, 'NoSuchEntityException');
    for (const x of [iam, asRole]) x.destroy();
  });
});

describe('KMS key policies', () => {
  it('reads the policy a key was made with (or the default one); only the owner, only `default`', async () => {
    const kms = new KMSClient(cfg());
    const given = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.owner}:root` }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.limitedMember}:root` }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    });
    const withPolicy = (await kms.send(new CreateKeyCommand({ Policy: given }))).KeyMetadata!.KeyId!;
    const plain = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const read = await kms.send(new GetKeyPolicyCommand({ KeyId: withPolicy }));
    assert.deepEqual([JSON.parse(read.Policy!), read.PolicyName], [JSON.parse(given), 'default']);
    const dflt = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: plain, PolicyName: 'default' }))).Policy!) as {
      Statement: { Principal: { AWS: string } }[];
    };
    assert.deepEqual(
      dflt.Statement.map((st) => st.Principal.AWS),
      [`arn:aws:iam::${FX.owner}:root`],
    );
    assert.equal((await failure(kms.send(new GetKeyPolicyCommand({ KeyId: plain, PolicyName: 'other' })))).name, 'NotFoundException');
    const arn = `arn:aws:kms:${FX.region}:${FX.owner}:key/${withPolicy}`;
    assert.equal((await failure(new KMSClient(cfg(FX.limitedMember)).send(new GetKeyPolicyCommand({ KeyId: arn })))).name, 'AccessDeniedException');
    kms.destroy();
  });
});

describe('Organizations listings', () => {
  it('lists every account and the OUs under a parent for the management account only', async () => {
    const org = new OrganizationsClient(cfg());
    const accounts = (await org.send(new ListAccountsCommand({}))).Accounts!;
    assert.deepEqual(
      accounts.map((a) => a.Id),
      [FX.owner, FX.limitedMember, FX.member],
    );
    assert.ok(accounts.every((a) => a.Status === 'ACTIVE' && a.Arn!.endsWith(`/${a.Id}`)));
    const firstPage = await org.send(new ListAccountsCommand({ MaxResults: 2 }));
    const rest = await org.send(new ListAccountsCommand({ MaxResults: 2, NextToken: firstPage.NextToken }));
    assert.deepEqual(
      [...firstPage.Accounts!, ...rest.Accounts!].map((a) => a.Id),
      [FX.owner, FX.limitedMember, FX.member],
    );
    const root = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const top = (await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root }))).OrganizationalUnits!;
    assert.deepEqual(
      top.map((u) => [u.Id, u.Name, u.Arn]),
      [['ou-a1b2-11111111', 'Workloads', FX.parentOuArn]],
    );
    const nested = (await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'ou-a1b2-11111111' }))).OrganizationalUnits!;
    assert.deepEqual(
      nested.map((u) => [u.Id, u.Name, u.Arn]),
      [['ou-a1b2-22222222', 'Prod', FX.ouArn]],
    );
    assert.equal((await failure(org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'ou-a1b2-99999999' })))).name, 'ParentNotFoundException');
    const member = new OrganizationsClient(cfg(FX.member));
    assert.equal((await failure(member.send(new ListAccountsCommand({})))).name, 'AccessDeniedException');
    assert.equal((await failure(new OrganizationsClient(cfg(FX.outsider)).send(new ListAccountsCommand({})))).name, 'AWSOrganizationsNotInUseException');
    for (const c of [org, member]) c.destroy();
  });
});
