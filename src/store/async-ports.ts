// The async persistence ports (issue #13): the same stores as ports.ts, each method a promise, so
// that one implementation on Kysely serves both the embedded SQLite file and a shared PostgreSQL
// database. They replace the synchronous ports store by store; `Stores.tx` replaces
// `db.transaction(fn)()` outside store/. Implemented so far: the three core stores below.
import type { Scope } from '../domain/scope.js';
import type { Distribution } from '../model/generated/types.js';
import type { DistributionConfigurationRecord, IdempotencyRecord } from './ports.js';

export interface AsyncDistributionConfigurationStore {
  get(scope: Scope, id: string): Promise<DistributionConfigurationRecord | undefined>;
  insert(scope: Scope, rec: DistributionConfigurationRecord): Promise<void>;
  /** Replaces description and distributions; false when the id is unknown. */
  update(scope: Scope, id: string, change: { description?: string; distributions: Distribution[]; dateUpdated: string }): Promise<boolean>;
  delete(scope: Scope, id: string): Promise<boolean>;
  count(scope: Scope): Promise<number>;
  /** Records ordered by id after `afterId`, optionally only those whose name is in `names`. */
  list(scope: Scope, q: { names?: string[]; afterId?: string; limit: number }): Promise<DistributionConfigurationRecord[]>;
}

export interface AsyncTagStore {
  get(scope: Scope, arn: string): Promise<Record<string, string>>;
  getMany(scope: Scope, arns: string[]): Promise<Map<string, Record<string, string>>>;
  set(scope: Scope, arn: string, tags: Record<string, string>): Promise<void>;
  delete(scope: Scope, arn: string): Promise<void>;
}

export interface AsyncIdempotencyStore {
  get(scope: Scope, operation: string, token: string): Promise<IdempotencyRecord | undefined>;
  /** Fails with StoreConflict when the token is already recorded (a concurrent first use). */
  put(scope: Scope, operation: string, token: string, rec: IdempotencyRecord): Promise<void>;
}

/** The stores one transaction sees. */
export interface TxStores {
  distributionConfigurations: AsyncDistributionConfigurationStore;
  tags: AsyncTagStore;
  idempotency: AsyncIdempotencyStore;
}

/** The stores, and one transaction helper: everything `fn` writes commits together or not at all. */
export interface Stores extends TxStores {
  tx<T>(fn: (stores: TxStores) => Promise<T>): Promise<T>;
  /** Which database is behind them. */
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** A write that lost to another (duplicate key): the caller decides (retry, or the existing record). */
export class StoreConflict extends Error {
  constructor(readonly table: string) {
    super(`conflicting write to ${table}`);
    this.name = 'StoreConflict';
  }
}
