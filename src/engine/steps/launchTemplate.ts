// launchTemplate: adds a launch-template version that keeps every setting and points at the new
// AMI, and makes it the default unless setDefaultVersion is false. The client token makes a
// resumed step find its version instead of adding another.
import { dryRunCheck } from '../../cloud/ports.js';
import { imageFrom, type StepDefinition } from './contract.js';

export const launchTemplate: StepDefinition<'launchTemplate'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    const { launchTemplateId, setDefaultVersion } = step.input;
    const { launchTemplateVersion } = await cx.cloud.ec2.createLaunchTemplateVersion(scope, {
      launchTemplateId,
      launchTemplateData: { imageId },
      clientToken: cx.token,
    });
    if (setDefaultVersion) {
      await cx.cloud.ec2.modifyLaunchTemplate(scope, { launchTemplateId, defaultVersion: String(launchTemplateVersion.versionNumber) });
    }
    return { done: true, output: { launchTemplateId, versionNumber: launchTemplateVersion.versionNumber, imageId, defaultVersion: setDefaultVersion } };
  },
  async check(step, c) {
    const ec2 = c.cloud.ec2;
    const scope = await c.as(step.accountId, step.region);
    const id = step.input.launchTemplateId;
    const template = (await ec2.describeLaunchTemplates(scope, { launchTemplateIds: [id] })).launchTemplates[0];
    if (step.accountId !== c.owner.accountId) {
      const lp = c.input.distributions.find((d) => d.region === step.region)?.amiDistributionConfiguration?.launchPermission;
      const shared = lp?.userGroups?.includes('all') || lp?.userIds?.includes(step.accountId);
      if (!shared) {
        c.warn(
          `Launch template ${id} in account ${step.accountId} will point to the source account's AMI, which account ${step.accountId} cannot launch unless launchPermission shares it (AWS writes the source AMI id into target templates).`,
        );
      }
    }
    // The new version will name the owner's AMI in the Region, which does not exist yet; the
    // source AMI's id stands in (EC2 checks the id's form when adding a version, not the AMI).
    // The new default version does not exist either: the template's latest version stands in.
    const imageId = c.input.source.kind === 'ami' ? c.input.source.imageId : undefined;
    await dryRunCheck(
      'ec2',
      'CreateLaunchTemplateVersion',
      ec2.createLaunchTemplateVersion(scope, { launchTemplateId: id, launchTemplateData: imageId ? { imageId } : {}, dryRun: true }),
    );
    if (step.input.setDefaultVersion && template) {
      await dryRunCheck(
        'ec2',
        'ModifyLaunchTemplate',
        ec2.modifyLaunchTemplate(scope, { launchTemplateId: id, defaultVersion: String(template.latestVersionNumber), dryRun: true }),
      );
    }
  },
};
