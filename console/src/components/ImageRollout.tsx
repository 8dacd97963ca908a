// The rollout an image is distributed by, if any: its rings in order with their state, a link to
// the rollout page, and (through `useImageRollout`) each job's ring for the fan-out picture.
import { admin } from '../api';
import { useLoad } from '../hooks';
import { Link } from '../router';
import type { Job } from '../progress';
import { DONE, gateText, listRollouts, type Rollout } from '../rollouts';

/** GET /_ibex/runs/<runId>: a ring's run and its steps (src/server/admin-beyond.ts). */
interface RunView {
  runId: string;
  status: string;
  startTime?: string;
  endTime?: string;
  steps: { key: string; jobKey: string; status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled'; error?: string }[];
}

/** A job's state from its steps, as the engine reads it (engine/outcome.ts jobViews). */
function jobStatus(steps: RunView['steps']): string {
  if (!steps.length) return 'PENDING';
  if (steps.some((s) => s.status === 'failed' || s.status === 'skipped')) return 'FAILED';
  if (steps.some((s) => s.status === 'cancelled')) return 'CANCELLED';
  if (steps.every((s) => s.status === 'succeeded')) return 'COMPLETED';
  return steps.some((s) => s.status === 'running' || s.status === 'succeeded') ? 'RUNNING' : 'PENDING';
}

/**
 * The jobs of a rollout's image, ring by ring, from the rings' runs: a rollout distributes through
 * its own runs, which the image's workflow executions do not list. A later run of a ring (a
 * resume) replaces what an earlier one said about the jobs it ran again.
 */
export function useRolloutJobs(r: Rollout | undefined): Job[] | undefined {
  const runIds = r?.ringStates.flatMap((s) => s.runIds) ?? [];
  const got = useLoad(
    async () => {
      if (!r) return undefined;
      const runs = await Promise.all(runIds.map((id) => admin<RunView>('GET', `/_ibex/runs/${id}`)));
      const steps = new Map<string, RunView['steps']>();
      for (const run of runs) {
        const byJob = new Map<string, RunView['steps']>();
        for (const s of run.steps) byJob.set(s.jobKey, [...(byJob.get(s.jobKey) ?? []), s]);
        for (const [k, v] of byJob) steps.set(k, v);
      }
      return r.ringStates.flatMap((ring) =>
        ring.jobs.map((key): Job => {
          const [kind = key, region = '-', account] = key.split(':');
          const st = steps.get(key) ?? [];
          const error = st.find((s) => s.error)?.error;
          return { key, kind, region, accountId: account && /^\d{12}$/.test(account) ? account : r.scope.accountId, status: jobStatus(st), ...(error ? { message: error } : {}) };
        }),
      );
    },
    [r?.rolloutId, r?.updatedAt, runIds.join(',')],
  );
  return got.data;
}

/** The newest rollout of `imageArn` (polled while it moves), or undefined. */
export function useImageRollout(imageArn: string): Rollout | undefined {
  const got = useLoad(async () => (await listRollouts()).filter((r) => r.imageBuildVersionArn === imageArn).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0], [imageArn], 1500, (r) => !!r && !DONE.has(r.status));
  return got.data;
}

/** Job key → ring name. */
export function ringsOfJobs(r: Rollout | undefined): Record<string, string> | undefined {
  if (!r) return undefined;
  return Object.fromEntries(r.ringStates.flatMap((s) => s.jobs.map((j) => [j, s.name])));
}

export function ImageRollout({ rollout }: { rollout: Rollout }) {
  return (
    <section className="card" data-testid="image-rollout" aria-labelledby="image-rollout-title">
      <h2 id="image-rollout-title">
        Rollout <Link to={`/rollouts/${encodeURIComponent(rollout.rolloutId)}`}>{rollout.rolloutId}</Link>: {rollout.status}
      </h2>
      <ol className="plain">
        {rollout.rings.map((spec, i) => {
          const st = rollout.ringStates[i]!;
          return (
            <li key={spec.name} data-ring={spec.name} data-state={st.status}>
              <strong>{spec.name}</strong> <span className={`state ring-state-${st.status}`}>{st.status}</span> · {st.jobs.length} job{st.jobs.length === 1 ? '' : 's'} · gate: {gateText(spec)}
              {i === rollout.current && rollout.status === 'waiting-approval' ? <strong> — waiting for approval</strong> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
