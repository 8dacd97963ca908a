// The console's view of rollouts (/_ibex/rollouts): the client module's types and calls, and the
// gate in words.
import { FINISHED_ROLLOUT_STATES, type RingSpec, type RollbackPlan, type Rollout, type StartRollout } from '../../src/client/index';
import { adminApi } from './progress';

export type { RingSpec, RingState, Rollout, RolloutStatus } from '../../src/client/index';

export const DONE = FINISHED_ROLLOUT_STATES;

export const listRollouts = (): Promise<Rollout[]> => adminApi.rollouts();

export const getRollout = (id: string): Promise<Rollout> => adminApi.rollout(id);

export const startRollout = (req: StartRollout): Promise<Rollout> => adminApi.startRollout(req);

/** What rolling the rollout back would change; changes nothing. */
export const planRolloutRollback = (id: string, to?: string): Promise<RollbackPlan> => adminApi.planRolloutRollback(id, to);

/** approve, resume and abort answer the rollout; rollback answers it with the rollback's plan. */
export function actOnRollout(id: string, action: 'approve' | 'resume' | 'abort' | 'rollback', to?: string): Promise<Rollout> {
  return action === 'rollback' ? adminApi.rollbackRollout(id, to) : adminApi.actOnRollout(id, action);
}

/** The gate before a ring, in words. */
export function gateText(r: RingSpec): string {
  const parts = [r.approval ? 'manual approval' : '', r.soakSeconds ? `soak ${r.soakSeconds} s` : ''].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'none';
}
