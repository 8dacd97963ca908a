// The Organizations operations ibex answers.
import type { WorldHandlers } from '../world-call.js';
import { CreateAccount } from './CreateAccount.js';
import { CreateOrganization } from './CreateOrganization.js';
import { CreateOrganizationalUnit } from './CreateOrganizationalUnit.js';
import { DescribeAccount } from './DescribeAccount.js';
import { DescribeOrganization } from './DescribeOrganization.js';
import { DescribeOrganizationalUnit } from './DescribeOrganizationalUnit.js';
import { ListAccounts } from './ListAccounts.js';
import { ListAccountsForParent } from './ListAccountsForParent.js';
import { ListChildren } from './ListChildren.js';
import { ListOrganizationalUnitsForParent } from './ListOrganizationalUnitsForParent.js';
import { ListParents } from './ListParents.js';
import { ListRoots } from './ListRoots.js';
import { MoveAccount } from './MoveAccount.js';

export const ORGANIZATIONS_HANDLERS: WorldHandlers = {
  CreateAccount,
  CreateOrganization,
  CreateOrganizationalUnit,
  DescribeAccount,
  DescribeOrganization,
  DescribeOrganizationalUnit,
  ListAccounts,
  ListAccountsForParent,
  ListChildren,
  ListOrganizationalUnitsForParent,
  ListParents,
  ListRoots,
  MoveAccount,
};
