// The ordered list of schema migrations. Append-only: never edit a shipped migration,
// add a new numbered file and list it here.
import { m001 } from './001-core.js';
import { m002 } from './002-world.js';
import { m003 } from './003-engine.js';
import { m004 } from './004-builds.js';
import { m014 } from './014-lifecycle.js';
import { m015 } from './015-workflows.js';
import { m016 } from './016-rollouts.js';
import { m017 } from './017-step-retries.js';
import { m018 } from './018-workflow-rollback.js';
import { m019 } from './019-step-retention.js';
import { m020 } from './020-ami-kind.js';

/** One schema step; `version` is unique and increasing. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [m001, m002, m003, m004, m014, m015, m016, m017, m018, m019, m020];
