// The image's workflow steps waiting for an action (ListWaitingWorkflowSteps, filtered on the
// image): Approve sends RESUME, Reject asks for a reason and sends STOP (SendWorkflowStepAction).
// Polled while the image moves, so a step appears when it starts waiting and leaves once acted on.
// Each step says until when it waits (its start plus its timeout, GetWorkflowStepExecution). A
// rollout's approval gate is answered by the rollout panel (ImageRollout), not here: one owner.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  GetWorkflowStepExecutionCommand,
  ListWaitingWorkflowStepsCommand,
  SendWorkflowStepActionCommand,
  type WorkflowStepExecution,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages, errorText } from '../api';
import { date } from '../format';
import { ErrorBox } from './Status';
import { Id } from './Id';
import { ROLLOUT_GATE_WORKFLOW } from '../../../src/client/index';

/** True for a rollout's approval gate: a step of ibex's own gate workflow (…:workflow/distribution/ibex-rollout-gate/…). */
export function isRolloutGate(step: Pick<WorkflowStepExecution, 'workflowBuildVersionArn'>): boolean {
  return (step.workflowBuildVersionArn ?? '').split('/')[2] === ROLLOUT_GATE_WORKFLOW;
}

/** When a waiting step times out: its start plus its timeout (GetWorkflowStepExecution), or undefined. */
export function useStepDeadline(stepExecutionId: string | undefined): Date | undefined {
  const { client } = useSession();
  const got = useLoad(async () => {
    if (!stepExecutionId) return undefined;
    const s = await client.send(new GetWorkflowStepExecutionCommand({ stepExecutionId }));
    const start = Date.parse(s.startTime ?? '');
    return Number.isFinite(start) && s.timeoutSeconds ? new Date(start + s.timeoutSeconds * 1000) : undefined;
  }, [client, stepExecutionId]);
  return got.data;
}

/** "Waits until <time>, then …": the step's deadline in UTC as every console date, the exact instant in `datetime`. */
export function StepDeadline({ stepExecutionId, then }: { stepExecutionId: string | undefined; then: string }) {
  const deadline = useStepDeadline(stepExecutionId);
  if (!deadline) return null;
  return (
    <p className="muted" data-testid="gate-deadline">
      Waits until <time dateTime={deadline.toISOString()}>{date(deadline)}</time>, then {then}.
    </p>
  );
}

/** Every waiting step of the caller, kept to those of `imageArn`. */
async function waitingOf(client: ReturnType<typeof useSession>['client'], imageArn: string): Promise<WorkflowStepExecution[]> {
  const all = await allPages(async (nextToken) => {
    const out = await client.send(new ListWaitingWorkflowStepsCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
    return { items: out.steps, nextToken: out.nextToken };
  });
  return all.filter((s) => s.imageBuildVersionArn === imageArn);
}

/** Asks for the reason a step is rejected (AWS records it as the step's and the image's failure reason). */
export function RejectDialog({
  title,
  children,
  onClose,
  onReject,
}: {
  title: string;
  /** What a rejection does. */
  children: ReactNode;
  onClose(): void;
  onReject(reason: string): Promise<void>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="reject-title" onCancel={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!reason.trim()) return setError('Give a reason: it becomes the image\u2019s failure reason.');
          setBusy(true);
          setError(undefined);
          try {
            await onReject(reason.trim());
          } catch (err) {
            setError(errorText(err));
            setBusy(false);
          }
        }}
      >
        <h2 id="reject-title">{title}</h2>
        {children}
        <div className="field">
          <label htmlFor="reject-reason">Reason</label>
          <textarea id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} autoFocus />
        </div>
        {error ? (
          <div className="error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="actions end">
          <button type="button" onClick={onClose}>
            Keep waiting
          </button>
          <button type="submit" className="danger-fill" disabled={busy}>
            {busy ? 'Working…' : 'Reject'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function WaitingSteps({ imageArn, moving, onActed }: { imageArn: string; moving: boolean; onActed(): void }) {
  const { client } = useSession();
  const waiting = useLoad(
    async () => (await waitingOf(client, imageArn)).filter((s) => !isRolloutGate(s)),
    [client, imageArn, moving],
    1500,
    () => moving,
  );
  const [rejecting, setRejecting] = useState<WorkflowStepExecution>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const send = async (step: WorkflowStepExecution, action: 'RESUME' | 'STOP', reason?: string) => {
    await client.send(
      new SendWorkflowStepActionCommand({
        stepExecutionId: step.stepExecutionId!,
        imageBuildVersionArn: imageArn,
        action,
        clientToken: crypto.randomUUID(),
        ...(reason ? { reason } : {}),
      }),
    );
    setDone(action === 'RESUME' ? `${step.name} approved: the workflow continues.` : `${step.name} rejected: the workflow stops.`);
    waiting.reload();
    onActed();
  };
  const steps = waiting.data ?? [];
  if (!steps.length && !error && !done) return null;
  return (
    <section className="card waiting" data-testid="waiting-steps" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Waiting for an action</h2>
      {done ? <p role="status">{done}</p> : null}
      {error ? <ErrorBox error={error} /> : null}
      {steps.length ? (
        <ul className="plain">
          {steps.map((s) => (
            <li key={s.stepExecutionId} data-step={s.name}>
              <strong>{s.name}</strong>{' '}
              <span className="muted">
                ({s.action}) waiting since {date(s.startTime)}
              </span>
              <div className="muted">
                workflow <Id value={s.workflowBuildVersionArn} /> · step <Id value={s.stepExecutionId} />
              </div>
              <StepDeadline stepExecutionId={s.stepExecutionId} then="the step fails (its timeout)" />
              <div className="actions">
                <button
                  className="primary"
                  disabled={busy === s.stepExecutionId}
                  onClick={() => {
                    setBusy(s.stepExecutionId);
                    setError(undefined);
                    send(s, 'RESUME')
                      .catch((e: unknown) => setError(errorText(e)))
                      .finally(() => setBusy(undefined));
                  }}
                >
                  Approve
                </button>
                <button className="danger" disabled={busy === s.stepExecutionId} onClick={() => setRejecting(s)}>
                  Reject
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {rejecting ? (
        <RejectDialog
          title={`Reject ${rejecting.name}?`}
          onClose={() => setRejecting(undefined)}
          onReject={async (reason) => (await send(rejecting, 'STOP', reason), setRejecting(undefined))}
        >
          <p>The step stops (STOP): the workflow fails with your reason and nothing after this step runs.</p>
        </RejectDialog>
      ) : null}
    </section>
  );
}
