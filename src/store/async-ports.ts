// The async persistence ports (issue #13): the same stores as ports.ts, each method a promise, so
// that one implementation on Kysely serves both the embedded SQLite file and a shared PostgreSQL
// database. They replace the synchronous ports store by store; `Stores.tx` replaces
// `db.transaction(fn)()` outside store/. Implemented so far: the core stores, build inputs,
// builds, pipeline state and meta.
import type { Scope } from '../domain/scope.js';
import type { Distribution } from '../model/generated/types.js';
import type { DistributionConfigurationRecord, IdempotencyRecord } from './ports.js';
import type { BuildPhase, BuildResourceRecord, BuildResourceType, BuildRow, PipelineStateRow } from './records.js';

export type { BuildPhase, BuildResourceRecord, BuildResourceType, BuildRow, PipelineStateRow };

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

/** Recipes, components, infrastructure configurations, pipelines and workflows, keyed by ARN. */
export interface AsyncBuildResourceStore {
  get<T>(scope: Scope, arn: string): Promise<BuildResourceRecord<T> | undefined>;
  /** Fails with StoreConflict when the ARN exists. */
  insert(scope: Scope, type: BuildResourceType, rec: BuildResourceRecord<unknown>): Promise<void>;
  put(scope: Scope, arn: string, body: unknown): Promise<boolean>;
  delete(scope: Scope, arn: string): Promise<boolean>;
  /** Every record of a type, ordered by id, version and build. */
  list<T>(scope: Scope, type: BuildResourceType): Promise<BuildResourceRecord<T>[]>;
  versionsOf<T>(scope: Scope, type: BuildResourceType, id: string): Promise<BuildResourceRecord<T>[]>;
  /** Every image pipeline of every scope (the scheduler's view). */
  allPipelines(): Promise<{ scope: Scope; rec: BuildResourceRecord }[]>;
}

/** Durable simulated builds; the BUILD/TEST workflow ids are columns, so any node finds a build by them. */
export interface AsyncBuildStore {
  insert(row: BuildRow): Promise<void>;
  update(scope: Scope, imageArn: string, phase: BuildPhase, dueAt: number, progress: unknown): Promise<void>;
  get<S, P>(scope: Scope, imageArn: string): Promise<BuildRow<S, P> | undefined>;
  findByWorkflowId<S, P>(scope: Scope, workflowExecutionId: string): Promise<BuildRow<S, P> | undefined>;
  due<S, P>(now: number, limit: number): Promise<BuildRow<S, P>[]>;
}

export interface AsyncPipelineStateStore {
  get(scope: Scope, arn: string): Promise<PipelineStateRow | undefined>;
  put(scope: Scope, arn: string, s: PipelineStateRow): Promise<void>;
  delete(scope: Scope, arn: string): Promise<void>;
}

/** Service-wide values (the pagination secret). */
export interface AsyncMetaStore {
  /** The stored value of `key`, created with `make()` the first time (the first writer wins on every node). */
  value(key: string, make: () => string): Promise<string>;
}

/** The stores one transaction sees. */
export interface TxStores {
  distributionConfigurations: AsyncDistributionConfigurationStore;
  tags: AsyncTagStore;
  idempotency: AsyncIdempotencyStore;
  buildResources: AsyncBuildResourceStore;
  builds: AsyncBuildStore;
  pipelineState: AsyncPipelineStateStore;
  meta: AsyncMetaStore;
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
