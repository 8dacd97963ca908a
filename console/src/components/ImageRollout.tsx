// The rollout an image is distributed by, if any: its rings in order with their state, a link to
// the rollout page, and (through `useImageRollout`) each job's ring for the fan-out picture. A ring
// waiting at its approval gate is answered here — Approve, or Reject with a reason (POST
// /_ibex/rollouts/<id>/approve|reject) — with the gate's deadline; the page's waiting-steps panel
// leaves the gate's WaitForAction step to this one, so the controls show once.
import { useState } from 'react';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { errorText } from '../api';
import { adminApi, type Job } from '../progress';
import { jobsOfRuns, pendingJob } from '../../../src/client/index';
import { DONE, gateText, listRollouts, type Rollout } from '../rollouts';
import { ErrorBox } from './Status';
import { RejectDialog, StepDeadline } from './WaitingSteps';

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

/** The approval gate of the ring the rollout waits at: its deadline, Approve and Reject. */
function Gate({ rollout, onActed }: { rollout: Rollout; onActed(): void }) {
  const ring = rollout.rings[rollout.current]!.name;
  const state = rollout.ringStates[rollout.current]!;
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string>();
  const answer = async (action: 'approve' | 'reject', reason?: string) => {
    setError(undefined);
    await adminApi.actOnRollout(rollout.rolloutId, action, reason ? { reason } : {});
    onActed();
  };
  return (
    <div className="gate" data-testid="rollout-gate">
      <p>
        <strong>Ring {ring} waits for approval.</strong>
      </p>
      <StepDeadline stepExecutionId={state.gateStepExecutionId} then="fails like a rejection" />
      {error ? <ErrorBox error={error} /> : null}
      <div className="actions">
        <button
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            answer('approve')
              .catch((e: unknown) => setError(errorText(e)))
              .finally(() => setBusy(false));
          }}
        >
          Approve ring {ring}
        </button>
        <button className="danger" disabled={busy} onClick={() => setRejecting(true)}>
          Reject ring {ring}
        </button>
      </div>
      {rejecting ? (
        <RejectDialog
          title={`Reject ring ${ring}?`}
          onClose={() => setRejecting(false)}
          onReject={async (reason) => (await answer('reject', reason), setRejecting(false))}
        >
          <p>The gate stops: ring {ring} and the rings after it never start, and the image ends FAILED with your reason.</p>
        </RejectDialog>
      ) : null}
    </div>
  );
}

export function ImageRollout({ rollout, onActed }: { rollout: Rollout; onActed(): void }) {
  const waiting = rollout.status === 'waiting-approval';
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
              {i === rollout.current && waiting ? <strong> — waiting for approval</strong> : null}
            </li>
          );
        })}
      </ol>
      {waiting ? <Gate key={`${rollout.rolloutId}/${rollout.current}`} rollout={rollout} onActed={onActed} /> : null}
    </section>
  );
}
