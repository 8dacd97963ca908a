// The KMS operations ibex answers.
import type { WorldHandlers } from '../world-call.js';
import { CreateAlias } from './CreateAlias.js';
import { CreateKey } from './CreateKey.js';
import { DescribeKey } from './DescribeKey.js';
import { GetKeyPolicy } from './GetKeyPolicy.js';
import { ListAliases } from './ListAliases.js';
import { PutKeyPolicy } from './PutKeyPolicy.js';

export const KMS_HANDLERS: WorldHandlers = { CreateAlias, CreateKey, DescribeKey, GetKeyPolicy, ListAliases, PutKeyPolicy };
