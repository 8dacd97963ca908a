// `ibex demo`: in the starter world, creates distribution settings (two Regions, two target
// accounts, organization sharing, a launch template), shows the plan, distributes the Amazon Linux
// parent and follows it to the end.
import { Command } from 'commander';
import { CreateDistributionConfigurationCommand, UpdateDistributionConfigurationCommand, type Distribution } from '@aws-sdk/client-imagebuilder';
import { STARTER, starterImageId } from '../../world/starter.js';
import { apiError, clientFor, clientOptions, endpointOf, type ClientOptions } from '../connection.js';
import { seconds, startDistribution } from './distribute.js';
import { fetchPlan, formatPlan } from './plan.js';
import { watch } from '../watch.js';

export const DEMO_SETTINGS = 'ibex-demo';

/** The demo's distributions: us-east-1 for prod and the organization, eu-west-1 for dev. */
export function demoDistributions(): Distribution[] {
  const orgArn = `arn:aws:organizations::${STARTER.managementAccountId}:organization/${STARTER.organizationId}`;
  return [
    {
      region: 'us-east-1',
      amiDistributionConfiguration: {
        name: 'ibex-demo {{ imagebuilder:buildDate }}',
        description: 'Distributed by ibex demo',
        targetAccountIds: [STARTER.prodAccountId],
        launchPermission: { organizationArns: [orgArn] },
        amiTags: { Project: 'ibex-demo' },
      },
      launchTemplateConfigurations: [{ launchTemplateId: STARTER.launchTemplateId, setDefaultVersion: true }],
    },
    { region: 'eu-west-1', amiDistributionConfiguration: { name: 'ibex-demo {{ imagebuilder:buildDate }}', targetAccountIds: [STARTER.devAccountId] } },
  ];
}

export function demoCommand(): Command {
  return clientOptions(
    new Command('demo')
      .description('in the starter world: create distribution settings, show the plan, distribute an image and follow it')
      .option('--timeout <seconds>', 'give up waiting after this long', seconds, 600),
  ).action(async (o: ClientOptions & { timeout: number }) => {
    const opts: ClientOptions = { ...o, account: o.account ?? STARTER.managementAccountId, region: 'us-east-1' };
    const client = clientFor(opts);
    const distributions = demoDistributions();
    let arn: string;
    try {
      arn = (await client.send(new CreateDistributionConfigurationCommand({ name: DEMO_SETTINGS, description: 'ibex demo settings', distributions })))
        .distributionConfigurationArn!;
    } catch (e) {
      if ((e as Error).name !== 'ResourceAlreadyExistsException') throw apiError(e, endpointOf(opts));
      arn = `arn:aws:imagebuilder:us-east-1:${opts.account}:distribution-configuration/${DEMO_SETTINGS}`;
      try {
        await client.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: arn, description: 'ibex demo settings', distributions }));
      } catch (e2) {
        throw apiError(e2, endpointOf(opts));
      }
    }
    const source = starterImageId('us-east-1', 'Linux');
    const log = (s: string) => void (o.json ? process.stderr : process.stdout).write(`${s}\n`);
    log(`settings: ${arn}`);
    log(`\n${formatPlan(await fetchPlan(opts, arn, source))}\n`);
    const image = await startDistribution({ ...opts, settings: arn, source, executionRole: 'EC2ImageBuilderDistributionRole', timeout: o.timeout });
    log(`distributing ${source} → ${image}`);
    try {
      process.exitCode = await watch(client, image, { ...(o.json ? { json: true } : {}), timeoutSeconds: o.timeout });
    } catch (e) {
      throw apiError(e, endpointOf(opts));
    }
    if (!o.json && process.exitCode === 0) log(`\nsee the copies: ibex world show   (or open ${endpointOf(opts)}/ in a browser)`);
  });
}
