// A typed client of the admin API over a transport the caller brings: the console's is fetch on
// its own origin, the CLI's adds the endpoint, the admin token and its error type.
import type { Fault, ImageRunsView, ProposedSettings, RollbackPlan, Rollout, RunView, SettingsDiff, StartRollout } from './admin-types.js';

/** Sends one admin request; resolves the parsed JSON answer, rejects on a non-2xx one. */
export type AdminTransport = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<T>;

export type RolloutAction = 'approve' | 'reject' | 'resume' | 'abort';

export interface AdminClient {
  runsOf(imageBuildVersionArn: string): Promise<ImageRunsView>;
  run(runId: string): Promise<RunView>;
  rollouts(): Promise<Rollout[]>;
  rollout(id: string): Promise<Rollout>;
  startRollout(req: StartRollout): Promise<Rollout>;
  actOnRollout(id: string, action: RolloutAction, body?: { reason?: string }): Promise<Rollout>;
  /** Rollback answers the rollout with the rollback's plan. */
  rollbackRollout(id: string, to?: string): Promise<Rollout>;
  /** The plan a rollout's rollback would run (`dryRun`): nothing changes. */
  planRolloutRollback(id: string, to?: string): Promise<RollbackPlan>;
  /**
   * Re-points every SSM parameter and launch-template default the image's settings manage back to
   * `to`'s AMIs: with `dryRun` the plan only, else the plan and the durable run of its changes.
   */
  rollback(to: string, dryRun: boolean): Promise<RollbackPlan>;
  faults(): Promise<Fault[]>;
  addFault(rule: Fault): Promise<Fault[]>;
  clearFaults(): Promise<Fault[]>;
  /** Which targets a proposed settings update gains and loses; saves nothing. */
  diffSettings(req: ProposedSettings): Promise<SettingsDiff>;
}

export function adminClient(send: AdminTransport): AdminClient {
  const rolloutPath = (id: string) => `/_ibex/rollouts/${encodeURIComponent(id)}`;
  return {
    runsOf: (arn) => send<ImageRunsView>('GET', `/_ibex/runs?imageBuildVersionArn=${encodeURIComponent(arn)}`),
    run: (runId) => send<RunView>('GET', `/_ibex/runs/${encodeURIComponent(runId)}`),
    rollouts: async () => (await send<{ rollouts: Rollout[] }>('GET', '/_ibex/rollouts')).rollouts,
    rollout: (id) => send<Rollout>('GET', rolloutPath(id)),
    startRollout: (req) => send<Rollout>('POST', '/_ibex/rollouts', req),
    actOnRollout: (id, action, body) => send<Rollout>('POST', `${rolloutPath(id)}/${action}`, body ?? {}),
    rollbackRollout: async (id, to) => (await send<{ rollout: Rollout }>('POST', `${rolloutPath(id)}/rollback`, to ? { to } : {})).rollout,
    planRolloutRollback: async (id, to) =>
      (await send<{ rollback: RollbackPlan }>('POST', `${rolloutPath(id)}/rollback`, { ...(to ? { to } : {}), dryRun: true })).rollback,
    rollback: (to, dryRun) => send<RollbackPlan>('POST', '/_ibex/rollback', { to, ...(dryRun ? { dryRun: true } : {}) }),
    faults: async () => (await send<{ faults: Fault[] }>('GET', '/_ibex/faults')).faults,
    addFault: async (rule) => (await send<{ faults: Fault[] }>('POST', '/_ibex/faults', rule)).faults,
    clearFaults: async () => (await send<{ faults: Fault[] }>('DELETE', '/_ibex/faults')).faults,
    diffSettings: (req) => send<SettingsDiff>('POST', '/_ibex/plan', req),
  };
}
