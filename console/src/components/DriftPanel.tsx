// The image's drift (beyond AWS, GET /_ibex/drift): what each job delivered compared with what is
// there now, per Region and account with the cause; "Plan repair" lists the jobs a repair would
// run, "Repair" starts them (POST /_ibex/drift/repair, one durable run) and the panel follows the
// run to its end, then checks again.
import { useState } from 'react';
import { admin, errorText } from '../api';
import { useLoad } from '../hooks';
import { ErrorBox, Loading } from './Status';
import { Words } from './Id';

/** The answers of the drift routes (src/beyond/drift.ts). */
export interface DriftReport {
  imageBuildVersionArn: string;
  checked: number;
  drift: {
    kind: string;
    region: string;
    accountId: string;
    jobKey: string;
    resource: string;
    expected: string;
    actual: string;
    cause: string;
    repairJob: string;
  }[];
  unchecked: { jobKey: string; code: string; message: string }[];
  repair: { jobs: string[] };
}
interface RepairResult extends DriftReport {
  runId?: string;
  unrunnable: string[];
}
interface RunView {
  runId: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  steps: { key: string; status: string; error?: string }[];
}

const KIND: Record<string, string> = {
  copyDeregistered: 'copy deregistered',
  launchPermissionRemoved: 'launch permission removed',
  launchPermissionAdded: 'launch permission added',
  launchTemplateDefaultMoved: 'launch-template default moved',
  ssmParameterOverwritten: 'SSM parameter overwritten',
  exportObjectGone: 'export object gone',
  ecrTagMoved: 'ECR tag moved',
};

function RepairRun({ runId, onDone }: { runId: string; onDone(): void }) {
  const [reported, setReported] = useState(false);
  const run = useLoad(
    () => admin<RunView>('GET', `/_ibex/runs/${runId}`),
    [runId],
    700,
    (d) => !d || d.status === 'running',
  );
  if (run.data && run.data.status !== 'running' && !reported) {
    setReported(true);
    onDone();
  }
  return (
    <p role="status" data-testid="repair-run">
      Repair run <span className="nowrap">{runId}</span>: {run.data?.status ?? 'starting'}
      {run.data?.steps
        .filter((s) => s.error)
        .map((s) => (
          <Words key={s.key} value={` · ${s.key}: ${s.error}`} />
        ))}
    </p>
  );
}

export function DriftPanel({ imageArn }: { imageArn: string }) {
  const [tick, setTick] = useState(0);
  const report = useLoad(() => admin<DriftReport>('GET', `/_ibex/drift?imageBuildVersionArn=${encodeURIComponent(imageArn)}`), [imageArn, tick]);
  const [planned, setPlanned] = useState(false);
  const [repair, setRepair] = useState<RepairResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const d = report.data;
  return (
    <section className="card" data-testid="drift" aria-labelledby="drift-title">
      <h2 id="drift-title">Drift</h2>
      <div className="actions">
        <button onClick={() => (setPlanned(false), setTick((t) => t + 1))}>Check again</button>
      </div>
      {report.loading && !d ? <Loading what="drift" /> : null}
      {report.error ? <ErrorBox error={report.error} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {d ? (
        <>
          <p data-testid="drift-summary">
            {d.drift.length
              ? `${d.drift.length} difference${d.drift.length === 1 ? '' : 's'} from what the distribution delivered`
              : 'No drift: everything is as the distribution left it'}{' '}
            ({d.checked} jobs checked).
          </p>
          {d.drift.length ? (
            <div className="table-wrap" tabIndex={0}>
              <table data-testid="drift-table">
                <thead>
                  <tr>
                    <th>What</th>
                    <th>Region</th>
                    <th>Account</th>
                    <th>Resource</th>
                    <th>Expected</th>
                    <th>Now</th>
                    <th>Cause</th>
                  </tr>
                </thead>
                <tbody>
                  {d.drift.map((x, i) => (
                    <tr key={`${x.jobKey}/${x.resource}/${i}`} data-kind={x.kind}>
                      <td>{KIND[x.kind] ?? x.kind}</td>
                      <td className="nowrap">{x.region}</td>
                      <td className="nowrap">{x.accountId}</td>
                      <td className="nowrap">{x.resource}</td>
                      <td>
                        <Words value={x.expected} />
                      </td>
                      <td>
                        <Words value={x.actual} />
                      </td>
                      <td>
                        <Words value={x.cause} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {d.unchecked.length ? (
            <ul className="muted" aria-label="Not checked">
              {d.unchecked.map((u) => (
                <li key={u.jobKey}>
                  <Words value={`${u.jobKey} not checked: ${u.code}: ${u.message}`} />
                </li>
              ))}
            </ul>
          ) : null}
          {d.repair.jobs.length && !repair ? (
            planned ? (
              <div className="card" data-testid="repair-plan">
                <h3>Repair plan</h3>
                <p>A repair runs only these jobs, durably:</p>
                <ul>
                  {d.repair.jobs.map((j) => (
                    <li key={j} className="nowrap">
                      {j}
                    </li>
                  ))}
                </ul>
                <div className="actions">
                  <button
                    className="primary"
                    disabled={busy}
                    onClick={() => {
                      setBusy(true);
                      setError(undefined);
                      admin<RepairResult>('POST', '/_ibex/drift/repair', { imageBuildVersionArn: imageArn })
                        .then(setRepair, (e: unknown) => setError(errorText(e)))
                        .finally(() => setBusy(false));
                    }}
                  >
                    Repair
                  </button>
                  <button onClick={() => setPlanned(false)}>Cancel</button>
                </div>
              </div>
            ) : (
              <button onClick={() => setPlanned(true)}>Plan repair</button>
            )
          ) : null}
          {repair?.unrunnable.length ? (
            <ErrorBox title="Cannot repair yet" error={`${repair.unrunnable.join(', ')}: what they build on is itself gone; repair that first.`} />
          ) : null}
          {repair?.runId ? <RepairRun runId={repair.runId} onDone={() => setTick((t) => t + 1)} /> : null}
        </>
      ) : null}
    </section>
  );
}
