// Image pipelines: list, detail with its schedule and next run times, and "run now". Built on
// the model's API; until ibex serves the pipeline operations the page says so.
import { useState } from 'react';
import { Cron } from 'croner';
import { GetImagePipelineCommand, ListImagePipelinesCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { errorText } from '../api';
import { Link, navigate } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { imagePath, rememberImage } from './Images';
import { date } from './SettingsList';

/** The next `n` run times of an AWS schedule expression (`cron(…)` with 6 fields, or `rate(…)`). */
export function nextRuns(expression: string, timezone = 'Etc/UTC', n = 3, from = new Date()): Date[] {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const ms = Number(rate[1]) * { minute: 60e3, minutes: 60e3, hour: 3600e3, hours: 3600e3, day: 86400e3, days: 86400e3 }[rate[2] as 'day'];
    return Array.from({ length: n }, (_, i) => new Date(from.getTime() + ms * (i + 1)));
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) return [];
  // AWS cron has minutes … day-of-week and a year; croner wants seconds first and no year.
  const fields = cron[1]!.trim().split(/\s+/);
  const job = new Cron(`0 ${fields.slice(0, 5).join(' ')}`, { timezone, paused: true });
  return job.nextRuns(n, from);
}

export function PipelinesList() {
  const { client } = useSession();
  const list = useLoad(async () => (await client.send(new ListImagePipelinesCommand({}))).imagePipelineList ?? [], [client]);
  return (
    <section>
      <h1>Image pipelines</h1>
      {list.loading && !list.data ? <Loading what="pipelines" /> : null}
      {list.error ? <ErrorBox title="Pipelines are not available" error={list.error} /> : null}
      {list.data ? (
        list.data.length ? (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Schedule</th>
                <th>Next run</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((p) => (
                <tr key={p.arn}>
                  <td>
                    <Link to={`/pipelines/${encodeURIComponent(p.arn!)}`}>{p.name}</Link>
                  </td>
                  <td>{p.status}</td>
                  <td>{p.schedule?.scheduleExpression ?? 'manual'}</td>
                  <td>{p.schedule?.scheduleExpression ? date(nextRuns(p.schedule.scheduleExpression, p.schedule.timezone)[0]) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">No pipelines.</p>
        )
      ) : null}
    </section>
  );
}

export function PipelineDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const got = useLoad(async () => (await client.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!, [client, arn]);
  const [error, setError] = useState<string>();
  if (got.loading && !got.data) return <Loading what="pipeline" />;
  if (got.error) return <ErrorBox error={got.error} />;
  const p = got.data!;
  const runs = p.schedule?.scheduleExpression ? nextRuns(p.schedule.scheduleExpression, p.schedule.timezone) : [];
  async function runNow() {
    try {
      const out = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn, clientToken: crypto.randomUUID() }));
      rememberImage(out.imageBuildVersionArn!);
      navigate(imagePath(out.imageBuildVersionArn!));
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <section>
      <header className="page-head">
        <h1>{p.name}</h1>
        <button className="primary" onClick={runNow}>
          Run now
        </button>
      </header>
      {error ? <ErrorBox error={error} /> : null}
      <dl className="facts">
        <dt>Status</dt>
        <dd>{p.status}</dd>
        <dt>Recipe</dt>
        <dd>{p.imageRecipeArn ?? p.containerRecipeArn}</dd>
        <dt>Distribution settings</dt>
        <dd>{p.distributionConfigurationArn ?? '—'}</dd>
        <dt>Schedule</dt>
        <dd>
          {p.schedule?.scheduleExpression ?? 'manual'} {p.schedule?.timezone ?? ''} {p.schedule?.pipelineExecutionStartCondition ?? ''}
        </dd>
        <dt>Next runs</dt>
        <dd>{runs.length ? runs.map((r) => date(r)).join(' · ') : '—'}</dd>
        <dt>Last run</dt>
        <dd>{p.dateLastRun ?? '—'}</dd>
      </dl>
    </section>
  );
}
