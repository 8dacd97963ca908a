// Durable rollouts: the whole state of a rollout as one JSON row (src/store/sqlite/migrations/015).
import type { Scope } from '../domain/scope.js';
import type { Db } from '../store/sqlite/db.js';

export type RolloutStatus = 'running' | 'soaking' | 'waiting-approval' | 'halted' | 'succeeded' | 'aborted' | 'rolled-back';
export type RingStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'aborted';

/** A ring as requested: which part of the settings' targets it covers, and its gate. */
export interface RingSpec {
  name: string;
  /** Regions of the ring (all of the settings' Regions when absent). */
  regions?: string[];
  /** Accounts of the ring (with `organizationalUnits`; all accounts when both are absent). */
  accounts?: string[];
  /** OU ARNs whose accounts (nested OUs included) belong to the ring. */
  organizationalUnits?: string[];
  /** Gate before this ring starts: wait this long after the previous ring succeeded. */
  soakSeconds?: number;
  /** Gate before this ring starts: wait for POST /_ibex/rollouts/<id>/approve. */
  approval?: boolean;
}

export interface RingState {
  name: string;
  status: RingStatus;
  /** The plan's jobs this ring runs. */
  jobs: string[];
  /** The ring's runs, latest last (a resume adds one). */
  runIds: string[];
  startedAt?: string;
  endedAt?: string;
  /** When the soak gate before this ring opens. */
  soakUntil?: string;
  approvedAt?: string;
  /** The approval gate's WaitForAction step (SendWorkflowStepAction answers it too). */
  gateStepExecutionId?: string;
  /** The reason given with the approval or the rejection of the gate. */
  gateReason?: string;
  /** Failed jobs with their error, when the ring failed. */
  failures?: { jobKey: string; error: string }[];
}

export interface Rollout {
  rolloutId: string;
  scope: Scope;
  distributionConfigurationArn: string;
  imageBuildVersionArn: string;
  rings: RingSpec[];
  ringStates: RingState[];
  status: RolloutStatus;
  /** Index of the ring running, gated or halted. */
  current: number;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

export class RolloutStore {
  constructor(private readonly db: Db) {}

  put(r: Rollout): void {
    this.db
      .prepare(
        'INSERT INTO rollouts (rollout_id, account_id, region, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rollout_id) DO UPDATE SET status = excluded.status, body = excluded.body',
      )
      .run(r.rolloutId, r.scope.accountId, r.scope.region, r.status, JSON.stringify(r), r.createdAt);
  }

  get(id: string): Rollout | undefined {
    const row = this.db.prepare<[string], { body: string }>('SELECT body FROM rollouts WHERE rollout_id = ?').get(id);
    return row ? (JSON.parse(row.body) as Rollout) : undefined;
  }

  list(): Rollout[] {
    return this.db
      .prepare<[], { body: string }>('SELECT body FROM rollouts ORDER BY created_at, rollout_id')
      .all()
      .map((r) => JSON.parse(r.body) as Rollout);
  }

  /** Rollouts that still advance by themselves (a ring running or a gate open). */
  active(): Rollout[] {
    return this.db
      .prepare<[], { body: string }>("SELECT body FROM rollouts WHERE status IN ('running', 'soaking') ORDER BY created_at")
      .all()
      .map((r) => JSON.parse(r.body) as Rollout);
  }
}
