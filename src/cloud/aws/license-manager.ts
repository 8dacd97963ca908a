// The License Manager port over the AWS SDK: license configurations associated with AMIs.
import {
  LicenseManagerClient,
  ListLicenseSpecificationsForResourceCommand,
  UpdateLicenseSpecificationsForResourceCommand,
  type LicenseSpecification,
} from '@aws-sdk/client-license-manager';
import type { CloudScope, LicenseManagerPort } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

/** Bound on pages followed. */
const MAX_PAGES = 100;

export function awsLicenseManager(clients: AwsClients): LicenseManagerPort {
  const send = <T>(scope: CloudScope, f: (c: LicenseManagerClient) => Promise<T>): Promise<T> =>
    call('license-manager', async () => f(await clients.get('license-manager', scope, (c) => new LicenseManagerClient(c))));
  const specs = (l: { licenseConfigurationArn: string }[] | undefined) => l?.map((x) => ({ LicenseConfigurationArn: x.licenseConfigurationArn }));
  return {
    async updateLicenseSpecificationsForResource(scope, input) {
      const add = specs(input.addLicenseSpecifications);
      const remove = specs(input.removeLicenseSpecifications);
      await send(scope, (c) =>
        c.send(
          new UpdateLicenseSpecificationsForResourceCommand({
            ResourceArn: input.resourceArn,
            ...(add?.length ? { AddLicenseSpecifications: add } : {}),
            ...(remove?.length ? { RemoveLicenseSpecifications: remove } : {}),
          }),
        ),
      );
    },
    async listLicenseSpecificationsForResource(scope, input) {
      const all: LicenseSpecification[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await send(scope, (c) =>
          c.send(new ListLicenseSpecificationsForResourceCommand({ ResourceArn: input.resourceArn, ...(token ? { NextToken: token } : {}) })),
        );
        all.push(...(out.LicenseSpecifications ?? []));
        token = out.NextToken;
        if (!token) break;
      }
      return { licenseSpecifications: all.map((s) => ({ licenseConfigurationArn: s.LicenseConfigurationArn ?? '' })) };
    },
  };
}
