// The rollout an image is distributed by, if any: its rings in order with their state, a link to
// the rollout page, and (through `useImageRollout`) each job's ring for the fan-out picture.
import { useLoad } from '../hooks';
import { Link } from '../router';
import { adminApi, type Job } from '../progress';
import { jobsOfRuns, pendingJob } from '../../../src/client/index';
import { DONE, gateText, listRollouts, type Rollout } from '../rollouts';

/**
 * The jobs of a rollout's image, ring by ring, from the rings' runs: a rollout distributes through
 * its own runs, which the image's workflow executions do not list. Each run says its jobs' Region,
 * account and state as data; a later run of a ring (a resume) replaces what an earlier one said.
 */
export function useRolloutJobs(r: Rollout | undefined): Job[] | undefined {
  const runIds = r?.ringStates.flatMap((s) => s.runIds) ?? [];
  const got = useLoad(async () => {
    if (!r) return undefined;
    const runs = await Promise.all(runIds.map((id) => adminApi.run(id)));
    const byKey = new Map(
      jobsOfRuns(
        runs.map((run) => ({ ...run, imageArn: r.imageBuildVersionArn })),
        r.imageBuildVersionArn,
      ).map((j) => [j.key, j]),
    );
    // A ring's job not yet run is pending. The rollout names such a job only by its key (the
    // rollout view does not carry the plan's jobs yet), so its Region and account are read
    // from the key until its first run says them as data.
    return r.ringStates.flatMap((ring) => ring.jobs.map((key) => byKey.get(key) ?? pendingJob(key, r.scope.accountId)));
  }, [r?.rolloutId, r?.updatedAt, runIds.join(',')]);
  return got.data;
}

/** The newest rollout of `imageArn` (polled while it moves), or undefined. */
export function useImageRollout(imageArn: string): Rollout | undefined {
  const got = useLoad(
    async () => (await listRollouts()).filter((r) => r.imageBuildVersionArn === imageArn).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0],
    [imageArn],
    1500,
    (r) => !!r && !DONE.has(r.status),
  );
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
              <strong>{spec.name}</strong> <span className={`state ring-state-${st.status}`}>{st.status}</span> · {st.jobs.length} job
              {st.jobs.length === 1 ? '' : 's'} · gate: {gateText(spec)}
              {i === rollout.current && rollout.status === 'waiting-approval' ? <strong> — waiting for approval</strong> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
