// "Roll back to this image" on an image's page (beyond AWS, POST /_ibex/rollback): re-points every
// SSM parameter and launch-template default version the image's settings manage back to this
// image's AMIs, in every Region and account. First the plan (a dry run: each change from what is
// there now to this image's AMI, each refusal with its reason), then, on Apply, one durable run of
// the allowed changes, followed to its end with each job's result.
import { useEffect, useRef, useState } from 'react';
import type { Image } from '@aws-sdk/client-imagebuilder';
import { errorText } from '../api';
import { useLoad } from '../hooks';
import { adminApi } from '../progress';
import type { RollbackChange, RollbackPlan } from '../../../src/client/index';
import { ErrorBox } from './Status';
import { Words } from './Id';

/** True when the image's settings write SSM parameters or launch-template defaults: there is something to roll back. */
export function managesPointers(image: Image): boolean {
  return (image.distributionConfiguration?.distributions ?? []).some(
    (d) => (d.ssmParameterConfigurations?.length ?? 0) > 0 || (d.launchTemplateConfigurations?.length ?? 0) > 0,
  );
}

const KIND: Record<RollbackChange['kind'], string> = { ssmParameter: 'SSM parameter', launchTemplate: 'launch template' };

export function summaryText(s: RollbackPlan['summary']): string {
  return `${s.change} to change, ${s.unchanged} unchanged, ${s.refused} refused`;
}

/** A rollback plan's changes as a table (also the rollout page's rollback dialog). */
export function PlanTable({ plan, caption }: { plan: RollbackPlan; caption: string }) {
  if (!plan.changes.length) return <p className="empty">These settings wrote no SSM parameter or launch-template default for this image.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid="rollback-changes">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th>Region</th>
            <th>Account</th>
            <th>What</th>
            <th>Resource</th>
            <th>Now</th>
            <th>Back to</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {plan.changes.map((c) => (
            <tr
              key={`${c.region}/${c.accountId}/${c.kind}/${c.resource}`}
              data-kind={c.kind}
              data-region={c.region}
              data-account={c.accountId}
              data-resource={c.resource}
              data-outcome={c.outcome}
            >
              <td className="nowrap">{c.region}</td>
              <td className="nowrap">{c.accountId}</td>
              <td>{KIND[c.kind]}</td>
              <td>
                <Words value={c.resource} />
              </td>
              <td>
                <Words value={c.from} />
              </td>
              <td>
                <Words value={c.to} />
              </td>
              <td data-testid="rollback-outcome">
                {c.outcome === 'refused' ? (
                  <>
                    <strong>refused</strong>: <Words value={c.reason ?? ''} />
                  </>
                ) : (
                  c.outcome
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The rollback's durable run, followed to its end: its state and each job's. */
function RollbackRun({ runId }: { runId: string }) {
  const run = useLoad(
    () => adminApi.run(runId),
    [runId],
    700,
    (d) => !d || d.status === 'running',
  );
  const r = run.data;
  return (
    <div data-testid="rollback-run">
      <p role="status">
        Rollback run <span className="nowrap">{runId}</span>: {r?.status ?? 'starting'}
      </p>
      {run.error ? <ErrorBox error={run.error} /> : null}
      {r && r.status !== 'running' ? (
        <ul className="plain" aria-label="What the rollback run did">
          {r.jobs.map((j) => (
            <li key={j.key} data-job={j.key} data-state={j.status}>
              <Words value={j.title} /> — <span className={`state state-${j.status}`}>{j.status}</span>
              {j.error ? (
                <>
                  : <Words value={j.error} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function RollbackPanel({ imageArn, imageName }: { imageArn: string; imageName: string }) {
  const [plan, setPlan] = useState<RollbackPlan>();
  const [applied, setApplied] = useState<RollbackPlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const planHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on what just appeared.
  useEffect(() => planHeading.current?.focus(), [plan]);
  useEffect(() => resultHeading.current?.focus(), [applied]);
  const go = (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    adminApi
      .rollback(imageArn, dryRun)
      .then(
        (p) => {
          if (dryRun) return setPlan(p);
          setApplied(p);
          setPlan(undefined);
        },
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="card" data-testid="rollback" aria-labelledby="rollback-title">
      <h2 id="rollback-title">Roll back to this image</h2>
      <p className="muted">
        Beyond AWS: puts {imageName} back in every SSM parameter and launch-template default version its settings manage, in every Region and account. You see
        the plan first; nothing changes until you apply it.
      </p>
      {error ? <ErrorBox error={error} /> : null}
      {!plan ? (
        <div className="actions">
          <button disabled={busy} onClick={() => (setApplied(undefined), go(true))}>
            {busy && !applied ? 'Planning…' : applied ? 'Plan again' : 'Roll back to this image'}
          </button>
        </div>
      ) : (
        <div data-testid="rollback-plan">
          <h3 ref={planHeading} tabIndex={-1}>
            Rollback plan
          </h3>
          <p data-testid="rollback-summary">{summaryText(plan.summary)}.</p>
          <PlanTable plan={plan} caption="Each change the rollback would make" />
          {plan.summary.refused ? <p>Refused ones are left as they are.</p> : null}
          <div className="actions">
            {plan.summary.change ? (
              <button className="primary" disabled={busy} onClick={() => go(false)}>
                {busy ? 'Working…' : `Apply: roll back ${plan.summary.change} change${plan.summary.change === 1 ? '' : 's'}`}
              </button>
            ) : (
              <p>Nothing to change.</p>
            )}
            <button disabled={busy} onClick={() => setPlan(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {applied ? (
        <div data-testid="rollback-result">
          <h3 ref={resultHeading} tabIndex={-1}>
            Rollback result
          </h3>
          <p data-testid="rollback-result-summary">
            {applied.runId ? `Started: ${summaryText(applied.summary)}.` : `Nothing was changed: ${summaryText(applied.summary)}.`}
          </p>
          <PlanTable plan={applied} caption="What the rollback changes" />
          {applied.runId ? <RollbackRun runId={applied.runId} /> : null}
        </div>
      ) : null}
    </section>
  );
}
