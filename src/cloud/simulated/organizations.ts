// Simulated AWS Organizations: any member may describe its organization; only the management
// account may walk the tree (listParents, describeAccount, describeOrganizationalUnit).
import type { OrganizationsPort } from '../ports.js';
import { orgArn } from './arns.js';
import { enter, fail, type Ctx, type Sim } from './sim.js';
import type { OrgRec, UnitRec } from './records.js';

function orgOf(sim: Sim, ctx: Ctx): OrgRec {
  const m = sim.state.membership.get(ctx.accountId);
  if (!m) throw fail('organizations', 'AWSOrganizationsNotInUseException', `Your account (${ctx.accountId}) is not a member of an organization.`);
  return sim.state.orgs.get(m.orgId)!;
}

function managementOnly(sim: Sim, ctx: Ctx): OrgRec {
  const org = orgOf(sim, ctx);
  if (org.managementAccountId !== ctx.accountId) {
    throw fail(
      'organizations',
      'AccessDeniedException',
      `You don't have permissions to access this resource: account ${ctx.accountId} is not the management account of ${org.id}.`,
    );
  }
  return org;
}

/** The simulated Organizations port. */
export function simulatedOrganizations(sim: Sim): OrganizationsPort {
  return {
    async describeOrganization(scope) {
      const ctx = enter(sim, 'organizations', 'DescribeOrganization', scope);
      const org = orgOf(sim, ctx);
      return { organization: { id: org.id, arn: orgArn(org.managementAccountId, org.id), masterAccountId: org.managementAccountId } };
    },

    async listParents(scope, input) {
      const ctx = enter(sim, 'organizations', 'ListParents', scope);
      const org = managementOnly(sim, ctx);
      const rootId = `r-${org.id.slice(2, 6)}`;
      const asParent = (id: string) => ({ id, type: id === rootId ? ('ROOT' as const) : ('ORGANIZATIONAL_UNIT' as const) });
      const unit = sim.state.units.get(input.childId);
      if (unit && unit.orgId === org.id) return { parents: [asParent(unit.parentId)] };
      const m = sim.state.membership.get(input.childId);
      if (m && m.orgId === org.id) {
        const last = m.ouArns.at(-1);
        return { parents: [asParent(last ? last.slice(last.lastIndexOf('/') + 1) : rootId)] };
      }
      throw fail(
        'organizations',
        'ChildNotFoundException',
        `We can't find an organizational unit (OU) or AWS account with the ID ${input.childId} in ${org.id}.`,
      );
    },

    async describeOrganizationalUnit(scope, input) {
      const ctx = enter(sim, 'organizations', 'DescribeOrganizationalUnit', scope);
      const org = managementOnly(sim, ctx);
      const u = sim.state.units.get(input.organizationalUnitId);
      if (!u || u.orgId !== org.id)
        throw fail('organizations', 'OrganizationalUnitNotFoundException', `We can't find an OU with the ID ${input.organizationalUnitId} in ${org.id}.`);
      return { organizationalUnit: { id: input.organizationalUnitId, arn: u.arn, name: u.name } };
    },

    async describeAccount(scope, input) {
      const ctx = enter(sim, 'organizations', 'DescribeAccount', scope);
      const org = managementOnly(sim, ctx);
      const m = sim.state.membership.get(input.accountId);
      if (!m || m.orgId !== org.id)
        throw fail('organizations', 'AccountNotFoundException', `You specified an account (${input.accountId}) that doesn't exist in ${org.id}.`);
      return {
        account: {
          id: input.accountId,
          arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${input.accountId}`,
          name: sim.state.accounts.get(input.accountId)?.name ?? input.accountId,
        },
      };
    },

    async listChildren(scope, input) {
      const ctx = enter(sim, 'organizations', 'ListChildren', scope);
      const org = managementOnly(sim, ctx);
      const rootId = `r-${org.id.slice(2, 6)}`;
      const find = (units: UnitRec[]): UnitRec | undefined => {
        for (const u of units) {
          if (u.id === input.parentId) return u;
          const inner = find(u.units);
          if (inner) return inner;
        }
        return undefined;
      };
      let accounts: string[];
      let units: UnitRec[];
      if (input.parentId === rootId) {
        accounts = [...new Set([org.managementAccountId, ...org.accounts])];
        units = org.units;
      } else {
        const u = find(org.units);
        if (!u) throw fail('organizations', 'ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
        accounts = u.accounts;
        units = u.units;
      }
      return {
        children:
          input.childType === 'ACCOUNT'
            ? accounts.map((id) => ({ id, type: 'ACCOUNT' as const }))
            : units.map((u) => ({ id: u.id, type: 'ORGANIZATIONAL_UNIT' as const })),
      };
    },
  };
}
