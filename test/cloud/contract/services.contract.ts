// Contract: ECR, S3, SSM (incl. aws:ec2:image and the cross-account role), Organizations and
// License Manager.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasGap, rejectsWith, type EnvFactory } from './env.js';

const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';

export function servicesContract(make: EnvFactory): void {
  describe('ECR', () => {
    it('pushes an image with tags and describes it', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      // ECR (and moto) read the manifest's type from its mediaType.
      const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: env.unique('cfg') });
      const a = await env.ports.ecr.putImage(s, { repositoryName: env.fx.ecrRepository, imageManifest: manifest, imageTag: '1.0.0' });
      await env.ports.ecr.putImage(s, { repositoryName: env.fx.ecrRepository, imageManifest: manifest, imageTag: 'latest' });
      const { imageDetails } = await env.ports.ecr.describeImages(s, {
        repositoryName: env.fx.ecrRepository,
        imageIds: [{ imageDigest: a.image.imageId.imageDigest }],
      });
      assert.deepEqual([...imageDetails[0]!.imageTags].sort(), ['1.0.0', 'latest']);
    });

    it('returns RepositoryNotFoundException when the repository does not exist in that Region', async () => {
      const env = await make();
      // moto's PutImage fails with an HTTP 500 page instead of the modelled error.
      const code = hasGap(env, 'ecrMissingRepository') ? 'InternalFailure' : 'RepositoryNotFoundException';
      await rejectsWith(
        env.ports.ecr.putImage(
          { accountId: env.fx.owner, region: env.fx.otherRegion },
          { repositoryName: env.fx.ecrRepository, imageManifest: '{}', imageTag: 'x' },
        ),
        code,
        'ecr',
      );
      await rejectsWith(
        env.ports.ecr.describeRepositories({ accountId: env.fx.owner, region: env.fx.region }, { repositoryNames: ['nope'] }),
        'RepositoryNotFoundException',
      );
    });
  });

  describe('S3', () => {
    it('puts and lists objects in an existing bucket', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const key = `${env.unique('k')}.txt`;
      await env.ports.s3.putObject(s, { bucket: env.fx.exportBucket, key, body: 'hello' });
      const { contents } = await env.ports.s3.listObjects(s, { bucket: env.fx.exportBucket, prefix: key });
      assert.deepEqual(
        contents.map((o) => [o.key, o.size]),
        [[key, 5]],
      );
    });

    it('gets an object back as written, deletes it (a missing key is no error), then NoSuchKey', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const key = `${env.unique('g')}.txt`;
      await env.ports.s3.putObject(s, { bucket: env.fx.exportBucket, key, body: 'hello world' });
      assert.equal((await env.ports.s3.getObject(s, { bucket: env.fx.exportBucket, key })).body, 'hello world');
      await env.ports.s3.deleteObject(s, { bucket: env.fx.exportBucket, key });
      await env.ports.s3.deleteObject(s, { bucket: env.fx.exportBucket, key });
      await rejectsWith(env.ports.s3.getObject(s, { bucket: env.fx.exportBucket, key }), 'NoSuchKey', 's3');
      assert.deepEqual((await env.ports.s3.listObjects(s, { bucket: env.fx.exportBucket, prefix: key })).contents, []);
    });

    it('returns NoSuchBucket for writes and NotFound for HeadBucket on a missing bucket', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const bucket = env.unique('missing');
      await rejectsWith(env.ports.s3.putObject(s, { bucket, key: 'k', body: 'x' }), 'NoSuchBucket', 's3');
      await rejectsWith(env.ports.s3.headBucket(s, { bucket }), 'NotFound', 's3');
    });
  });

  describe('SSM', () => {
    it('writes an aws:ec2:image parameter naming a visible AMI and versions overwrites', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const name = `/ibex/${env.unique('ami')}`;
      assert.equal((await env.ports.ssm.putParameter(s, { name, value: env.fx.linuxImageId, dataType: 'aws:ec2:image' })).version, 1);
      await rejectsWith(env.ports.ssm.putParameter(s, { name, value: env.fx.windowsImageId, dataType: 'aws:ec2:image' }), 'ParameterAlreadyExists', 'ssm');
      assert.equal((await env.ports.ssm.putParameter(s, { name, value: env.fx.windowsImageId, dataType: 'aws:ec2:image', overwrite: true })).version, 2);
      const { parameter } = await env.ports.ssm.getParameter(s, { name });
      assert.equal(parameter.value, env.fx.windowsImageId);
      assert.equal(parameter.dataType, 'aws:ec2:image');
    });

    it('rejects an aws:ec2:image value naming an AMI the account cannot see', async () => {
      const env = await make();
      const put = env.ports.ssm.putParameter(
        { accountId: env.fx.member, region: env.fx.region },
        { name: '/ibex/x', value: env.fx.linuxImageId, dataType: 'aws:ec2:image' },
      );
      if (hasGap(env, 'ssmImageValidation')) {
        // moto accepts any value for aws:ec2:image.
        assert.equal((await put).version, 1);
        return;
      }
      await rejectsWith(put, 'ValidationException', 'ssm');
    });

    it('returns ParameterNotFound for a parameter that does not exist', async () => {
      const env = await make();
      await rejectsWith(env.ports.ssm.getParameter({ accountId: env.fx.owner, region: env.fx.region }, { name: '/ibex/nope' }), 'ParameterNotFound', 'ssm');
    });

    it('writes in a target account through the cross-account role only with ssm:PutParameter', async () => {
      const env = await make();
      const caller = { accountId: env.fx.owner, region: env.fx.region };
      const ok = await env.ports.sts.assumeRole(caller, { roleArn: `arn:aws:iam::${env.fx.member}:role/${ROLE}`, roleSessionName: 'ssm' });
      await env.ports.ssm.putParameter(ok.scope, { name: '/ibex/latest', value: 'v1' });
      assert.equal((await env.ports.ssm.getParameter({ accountId: env.fx.member, region: env.fx.region }, { name: '/ibex/latest' })).parameter.value, 'v1');
      const limited = await env.ports.sts.assumeRole(caller, { roleArn: `arn:aws:iam::${env.fx.limitedMember}:role/${ROLE}`, roleSessionName: 'ssm' });
      if (hasGap(env, 'rolePermissions')) {
        assert.equal((await env.ports.ssm.putParameter(limited.scope, { name: '/ibex/latest', value: 'v1' })).version, 1);
        return;
      }
      const err = await rejectsWith(env.ports.ssm.putParameter(limited.scope, { name: '/ibex/latest', value: 'v1' }), 'AccessDeniedException', 'ssm');
      assert.match(err.message, /ssm:PutParameter/);
    });
  });

  describe('Organizations', () => {
    it('describes the organization of a member and the parents of a nested account', async () => {
      const env = await make();
      const { organization } = await env.ports.organizations.describeOrganization({ accountId: env.fx.member, region: env.fx.region });
      assert.equal(organization.arn, env.fx.orgArn);
      const { parents } = await env.ports.organizations.listParents({ accountId: env.fx.owner, region: env.fx.region }, { childId: env.fx.member });
      assert.equal(parents[0]!.type, 'ORGANIZATIONAL_UNIT');
      assert.equal(parents[0]!.id, env.fx.ouArn.slice(env.fx.ouArn.lastIndexOf('/') + 1));
    });

    it('lists the accounts and OUs directly under an OU (every page); an unknown parent is ParentNotFoundException', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
      const units = await env.ports.organizations.listChildren(s, { parentId: idOf(env.fx.parentOuArn), childType: 'ORGANIZATIONAL_UNIT' });
      assert.deepEqual(units.children, [{ id: idOf(env.fx.ouArn), type: 'ORGANIZATIONAL_UNIT' }]);
      const accounts = await env.ports.organizations.listChildren(s, { parentId: idOf(env.fx.ouArn), childType: 'ACCOUNT' });
      assert.deepEqual(accounts.children, [{ id: env.fx.member, type: 'ACCOUNT' }]);
      const ouPrefix = idOf(env.fx.ouArn).split('-').slice(0, 2).join('-');
      await rejectsWith(
        env.ports.organizations.listChildren(s, { parentId: `${ouPrefix}-zzzzzzzz`, childType: 'ACCOUNT' }),
        'ParentNotFoundException',
        'organizations',
      );
    });

    it('describes an OU and a member account for the management account; unknown ids are not found', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const ouId = env.fx.ouArn.slice(env.fx.ouArn.lastIndexOf('/') + 1);
      const { organizationalUnit } = await env.ports.organizations.describeOrganizationalUnit(s, { organizationalUnitId: ouId });
      assert.deepEqual([organizationalUnit.id, organizationalUnit.arn], [ouId, env.fx.ouArn]);
      const { account } = await env.ports.organizations.describeAccount(s, { accountId: env.fx.member });
      assert.equal(account.id, env.fx.member);
      assert.match(account.arn, new RegExp(`^arn:aws:organizations::${env.fx.owner}:account/o-[a-z0-9]+/${env.fx.member}$`));
      await rejectsWith(env.ports.organizations.describeAccount(s, { accountId: env.fx.outsider }), 'AccountNotFoundException', 'organizations');
      await rejectsWith(
        env.ports.organizations.describeOrganizationalUnit(s, { organizationalUnitId: `${ouId.split('-').slice(0, 2).join('-')}-zzzzzzzz` }),
        'OrganizationalUnitNotFoundException',
        'organizations',
      );
    });

    it('returns AWSOrganizationsNotInUseException for an account outside any organization', async () => {
      const env = await make();
      await rejectsWith(
        env.ports.organizations.describeOrganization({ accountId: env.fx.outsider, region: env.fx.region }),
        'AWSOrganizationsNotInUseException',
        'organizations',
      );
    });

    it('returns AccessDeniedException when a member (not the management account) walks the tree', async () => {
      const env = await make();
      // moto answers a member as if it had no organization tree at all.
      const code = hasGap(env, 'organizationsAccess') ? 'AccountNotFoundException' : 'AccessDeniedException';
      await rejectsWith(
        env.ports.organizations.listParents({ accountId: env.fx.member, region: env.fx.region }, { childId: env.fx.member }),
        code,
        'organizations',
      );
    });
  });

  describe('License Manager', () => {
    it('associates a license configuration with an owned AMI', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const resourceArn = `arn:aws:ec2:${env.fx.region}::image/${env.fx.windowsImageId}`;
      if (hasGap(env, 'licenseManager')) {
        // moto has no License Manager.
        await rejectsWith(
          env.ports.licenseManager.updateLicenseSpecificationsForResource(s, {
            resourceArn,
            addLicenseSpecifications: [{ licenseConfigurationArn: env.fx.licenseConfigurationArn }],
          }),
          'InternalFailure',
          'license-manager',
        );
        await rejectsWith(env.ports.licenseManager.listLicenseSpecificationsForResource(s, { resourceArn }), 'InternalFailure', 'license-manager');
        return;
      }
      await env.ports.licenseManager.updateLicenseSpecificationsForResource(s, {
        resourceArn,
        addLicenseSpecifications: [{ licenseConfigurationArn: env.fx.licenseConfigurationArn }],
      });
      const { licenseSpecifications } = await env.ports.licenseManager.listLicenseSpecificationsForResource(s, { resourceArn });
      assert.deepEqual(licenseSpecifications, [{ licenseConfigurationArn: env.fx.licenseConfigurationArn }]);
    });

    it('returns InvalidParameterValueException for a license configuration that does not exist', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const code = hasGap(env, 'licenseManager') ? 'InternalFailure' : 'InvalidParameterValueException';
      await rejectsWith(
        env.ports.licenseManager.updateLicenseSpecificationsForResource(s, {
          resourceArn: `arn:aws:ec2:${env.fx.region}::image/${env.fx.windowsImageId}`,
          addLicenseSpecifications: [
            { licenseConfigurationArn: env.fx.licenseConfigurationArn.replace(/lic-[0-9a-f]+$/, 'lic-ffffffffffffffffffffffffffffffff') },
          ],
        }),
        code,
        'license-manager',
      );
    });
  });
}
