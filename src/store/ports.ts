// Persistence ports of the API: what operations need from storage, scope first.
// The SQLite implementations live in store/sqlite/.
import type { Scope } from '../domain/scope.js';
import type { Distribution } from '../model/generated/types.js';

/** A stored distribution configuration (tags live in the TagStore). */
export interface DistributionConfigurationRecord {
  id: string;
  arn: string;
  name: string;
  description?: string;
  distributions: Distribution[];
  dateCreated: string;
  dateUpdated?: string;
}

/** Distribution configurations, keyed by (account, Region, id). */
export interface DistributionConfigurationStore {
  get(scope: Scope, id: string): DistributionConfigurationRecord | undefined;
  insert(scope: Scope, rec: DistributionConfigurationRecord): void;
  /** Replaces description and distributions; returns false when the id is unknown. */
  update(scope: Scope, id: string, change: { description?: string; distributions: Distribution[]; dateUpdated: string }): boolean;
  delete(scope: Scope, id: string): boolean;
  /** How many configurations the account has in the Region (for the quota). */
  count(scope: Scope): number;
  /** Records ordered by id after `afterId`, optionally only those whose name is in `names`. */
  list(scope: Scope, q: { names?: string[]; afterId?: string; limit: number }): DistributionConfigurationRecord[];
}

/** Tags of any Image Builder resource, keyed by (account, Region, ARN). */
export interface TagStore {
  get(scope: Scope, arn: string): Record<string, string>;
  /** Tags of several resources at once (list pages): every ARN asked for, `{}` when it has none. */
  getMany(scope: Scope, arns: string[]): Map<string, Record<string, string>>;
  set(scope: Scope, arn: string, tags: Record<string, string>): void;
  delete(scope: Scope, arn: string): void;
}

/** A remembered response to a clientToken. */
export interface IdempotencyRecord {
  requestHash: string;
  response: unknown;
}

/** clientToken records, keyed by (account, Region, operation, token). */
export interface IdempotencyStore {
  get(scope: Scope, operation: string, token: string): IdempotencyRecord | undefined;
  put(scope: Scope, operation: string, token: string, rec: IdempotencyRecord): void;
}
