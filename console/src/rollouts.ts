// The console's view of rollouts (/_ibex/rollouts): the shapes the admin API answers and the calls.
import { admin } from './api';

export type RolloutStatus = 'running' | 'soaking' | 'waiting-approval' | 'halted' | 'succeeded' | 'aborted' | 'rolled-back';

export interface RingSpec {
  name: string;
  regions?: string[];
  accounts?: string[];
  organizationalUnits?: string[];
  soakSeconds?: number;
  approval?: boolean;
}

export interface RingState {
  name: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'aborted';
  /** The job keys of the ring, e.g. `ami:us-east-1:111122223333`. */
  jobs: string[];
  runIds: string[];
  startedAt?: string;
  endedAt?: string;
  soakUntil?: string;
  approvedAt?: string;
  failures?: { jobKey: string; error: string }[];
}

export interface Rollout {
  rolloutId: string;
  scope: { accountId: string; region: string };
  distributionConfigurationArn: string;
  imageBuildVersionArn: string;
  rings: RingSpec[];
  ringStates: RingState[];
  status: RolloutStatus;
  /** The index of the ring in hand (or at its gate). */
  current: number;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

export const DONE = new Set<RolloutStatus>(['succeeded', 'aborted', 'rolled-back']);

export async function listRollouts(): Promise<Rollout[]> {
  return (await admin<{ rollouts: Rollout[] }>('GET', '/_ibex/rollouts')).rollouts;
}

export function getRollout(id: string): Promise<Rollout> {
  return admin<Rollout>('GET', `/_ibex/rollouts/${encodeURIComponent(id)}`);
}

export function startRollout(req: { distributionConfigurationArn: string; sourceImage: string; rings: RingSpec[] }): Promise<Rollout> {
  return admin<Rollout>('POST', '/_ibex/rollouts', req);
}

/** approve, resume and abort answer the rollout; rollback answers it with the rollback's plan. */
export async function actOnRollout(id: string, action: 'approve' | 'resume' | 'abort' | 'rollback', to?: string): Promise<Rollout> {
  const path = `/_ibex/rollouts/${encodeURIComponent(id)}/${action}`;
  if (action === 'rollback') return (await admin<{ rollout: Rollout }>('POST', path, to ? { to } : {})).rollout;
  return admin<Rollout>('POST', path);
}

/** The gate before a ring, in words. */
export function gateText(r: RingSpec): string {
  const parts = [r.approval ? 'manual approval' : '', r.soakSeconds ? `soak ${r.soakSeconds} s` : ''].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'none';
}
