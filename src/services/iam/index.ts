// The IAM operations ibex answers (roles, as far as distribution needs them).
import type { WorldHandlers } from '../world-call.js';
import { AttachRolePolicy } from './AttachRolePolicy.js';
import { CreateRole } from './CreateRole.js';
import { DeleteRole } from './DeleteRole.js';
import { DetachRolePolicy } from './DetachRolePolicy.js';
import { GetRole } from './GetRole.js';
import { ListRoles } from './ListRoles.js';
import { PutRolePolicy } from './PutRolePolicy.js';

export const IAM_HANDLERS: WorldHandlers = { AttachRolePolicy, CreateRole, DeleteRole, DetachRolePolicy, GetRole, ListRoles, PutRolePolicy };
