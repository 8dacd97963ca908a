// Organizations CreateAccount: a new member account under the root. AWS creates it
// asynchronously; ibex's account exists at once and the status is SUCCEEDED. The account has
// the role named RoleName (default OrganizationAccountAccessRole) trusting the management account.
import { randomBytes, randomInt } from 'node:crypto';
import type { OrgRec } from '../../cloud/simulated/records.js';
import type { WorldHandler } from '../world-call.js';
import { allAccounts, managedOrg, orgsEnter } from './tree.js';

export const CreateAccount: WorldHandler = async (input, call) => {
  const org = managedOrg(call, orgsEnter(call, 'CreateAccount'));
  const st = call.sim.state;
  let id: string;
  do id = `${randomInt(1, 10)}${String(randomInt(0, 1e11)).padStart(11, '0')}`;
  while (st.accounts.has(id) || allAccounts(org).includes(id));
  const roleName = (input.RoleName as string | undefined) ?? 'OrganizationAccountAccessRole';
  const now = call.sim.clock.now();
  st.repo.tx(() => {
    st.putAccount({
      accountId: id,
      name: input.AccountName as string,
      disabledRegions: [],
      imageBlockPublicAccess: [],
      amazonManaged: false,
      roles: [{ name: roleName, trustedAccounts: [org.managementAccountId], trustedServices: [], permissions: ['*'] }],
    });
    const next: OrgRec = { ...org, accounts: [...org.accounts, id] };
    st.putOrg(next);
  });
  return {
    CreateAccountStatus: {
      Id: `car-${randomBytes(16).toString('hex')}`,
      AccountName: input.AccountName,
      State: 'SUCCEEDED',
      RequestedTimestamp: new Date(now),
      CompletedTimestamp: new Date(now),
      AccountId: id,
    },
  };
};
