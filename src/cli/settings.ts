// Resolves distribution settings given by name or ARN to their ARN (a name is looked up with
// ListDistributionConfigurations in the caller's account and Region).
import { ListDistributionConfigurationsCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { CliError } from './connection.js';

export async function settingsArn(client: ImagebuilderClient, nameOrArn: string): Promise<string> {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  let token: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await client.send(new ListDistributionConfigurationsCommand({ ...(token ? { nextToken: token } : {}) }));
    const hit = out.distributionConfigurationSummaryList?.find((s) => s.name === nameOrArn);
    if (hit?.arn) return hit.arn;
    token = out.nextToken;
    if (!token) break;
  }
  const region = await client.config.region();
  throw new CliError(`no distribution settings named '${nameOrArn}' in ${region}`);
}
