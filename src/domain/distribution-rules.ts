// Rules for distribution settings that the model cannot express (facts §3): at least one output
// per Region, one distribution per Region, '{{ imagebuilder:buildDate }}' in AMI names, SSM
// amiAccountId among the Region's accounts, fast launch maxParallelLaunches >= 6.
import type { Distribution } from '../model/generated/types.js';
import type { Violation } from './invalid-parameter.js';

const BUILD_DATE = /\{\{\s*imagebuilder:buildDate(?::[^}]*)?\s*\}\}/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Returns the first rule a list of distributions breaks, for an owner account, or undefined. */
export function checkDistributions(distributions: Distribution[], ownerAccountId: string): Violation | undefined {
  if (distributions.length === 0) return { path: 'distributions', detail: 'Member must have length greater than or equal to 1.' };
  const seen = new Map<string, number>();
  for (let i = 0; i < distributions.length; i++) {
    const d = distributions[i]!;
    const at = `distributions[${i}]`;
    if (!REGION.test(d.region)) return { path: `${at}.region`, detail: `'${d.region}' is not a valid AWS Region.` };
    const first = seen.get(d.region);
    if (first !== undefined) {
      return {
        path: 'distributions',
        detail: `Only one distribution is allowed per Region: distributions[${first}] and distributions[${i}] both target '${d.region}'.`,
      };
    }
    seen.set(d.region, i);
    const hasOutput =
      d.amiDistributionConfiguration !== undefined ||
      d.containerDistributionConfiguration !== undefined ||
      (d.launchTemplateConfigurations?.length ?? 0) > 0 ||
      d.s3ExportConfiguration !== undefined ||
      (d.fastLaunchConfigurations?.length ?? 0) > 0 ||
      (d.ssmParameterConfigurations?.length ?? 0) > 0 ||
      (d.licenseConfigurationArns?.length ?? 0) > 0;
    if (!hasOutput) return { path: at, detail: 'One or more outputs should be provided for each region in a distribution configuration.' };
    const ami = d.amiDistributionConfiguration;
    if (ami?.name !== undefined && !BUILD_DATE.test(ami.name)) {
      return {
        path: `${at}.amiDistributionConfiguration.name`,
        detail: "The EC2 AMI name must contain '{{ imagebuilder:buildDate }}' to ensure that the name will be unique.",
      };
    }
    const accounts = new Set([ownerAccountId, ...(ami?.targetAccountIds ?? [])]);
    for (const [j, p] of (d.ssmParameterConfigurations ?? []).entries()) {
      if (p.amiAccountId !== undefined && !accounts.has(p.amiAccountId)) {
        return {
          path: `${at}.ssmParameterConfigurations[${j}].amiAccountId`,
          detail: `The account '${p.amiAccountId}' must be the owner account or one of the targetAccountIds of the AMI distribution for Region '${d.region}'.`,
        };
      }
    }
    for (const [j, f] of (d.fastLaunchConfigurations ?? []).entries()) {
      const fp = `${at}.fastLaunchConfigurations[${j}]`;
      if (f.maxParallelLaunches !== undefined && f.maxParallelLaunches < 6) {
        return { path: `${fp}.maxParallelLaunches`, detail: 'Member must have value greater than or equal to 6.' };
      }
      if (f.launchTemplate?.launchTemplateId !== undefined && f.launchTemplate.launchTemplateName !== undefined) {
        return { path: `${fp}.launchTemplate`, detail: 'Specify either launchTemplateId or launchTemplateName, not both.' };
      }
    }
  }
  return undefined;
}
