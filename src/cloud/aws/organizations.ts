// The Organizations port over the AWS SDK. Organizations is a global service served from
// us-east-1 (in the commercial partition), whatever the scope's Region.
import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListChildrenCommand,
  ListParentsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { CloudScope, OrganizationsPort } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

/** The Region that serves a partition's global Organizations endpoint. */
function homeRegion(region: string): string {
  if (region.startsWith('cn-')) return 'cn-northwest-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

export function awsOrganizations(clients: AwsClients): OrganizationsPort {
  const send = <T>(scope: CloudScope, f: (c: OrganizationsClient) => Promise<T>): Promise<T> =>
    call('organizations', async () => f(await clients.get('organizations', scope, (c) => new OrganizationsClient(c), homeRegion(scope.region))));
  return {
    async describeOrganization(scope) {
      const out = await send(scope, (c) => c.send(new DescribeOrganizationCommand({})));
      const o = out.Organization ?? {};
      return { organization: { id: o.Id ?? '', arn: o.Arn ?? '', masterAccountId: o.MasterAccountId ?? '' } };
    },
    async listParents(scope, input) {
      const out = await send(scope, (c) => c.send(new ListParentsCommand({ ChildId: input.childId })));
      return { parents: (out.Parents ?? []).map((p) => ({ id: p.Id ?? '', type: p.Type === 'ROOT' ? 'ROOT' : 'ORGANIZATIONAL_UNIT' })) };
    },
    async describeOrganizationalUnit(scope, input) {
      const out = await send(scope, (c) => c.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: input.organizationalUnitId })));
      const u = out.OrganizationalUnit ?? {};
      return { organizationalUnit: { id: u.Id ?? '', arn: u.Arn ?? '', name: u.Name ?? '' } };
    },
    async describeAccount(scope, input) {
      const out = await send(scope, (c) => c.send(new DescribeAccountCommand({ AccountId: input.accountId })));
      const a = out.Account ?? {};
      return { account: { id: a.Id ?? '', arn: a.Arn ?? '', name: a.Name ?? '' } };
    },
    async listChildren(scope, input) {
      const children: { id: string; type: 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' }[] = [];
      let token: string | undefined;
      // Bounded: an organization has at most a few thousand children per parent.
      for (let page = 0; page < 1000; page++) {
        const out = await send(scope, (c) =>
          c.send(new ListChildrenCommand({ ParentId: input.parentId, ChildType: input.childType, ...(token ? { NextToken: token } : {}) })),
        );
        for (const ch of out.Children ?? []) children.push({ id: ch.Id ?? '', type: ch.Type === 'ACCOUNT' ? 'ACCOUNT' : 'ORGANIZATIONAL_UNIT' });
        token = out.NextToken;
        if (!token) break;
      }
      return { children };
    },
  };
}
