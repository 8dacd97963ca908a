// Image pipelines: the list (schedule, the server's next run, the last run's state), the detail
// (recipe, infrastructure, distribution settings, schedule with its expression, time zone and next
// run times, the pipeline's images) and "Run now", which opens the new image's fan-out.
import { useState } from 'react';
import { nextRuns, upcomingRuns } from '../../../src/client/index';
import {
  GetContainerRecipeCommand,
  GetDistributionConfigurationCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
  StartImagePipelineExecutionCommand,
  type ImagePipeline,
  type Schedule,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages, errorText } from '../api';
import { Link, navigate } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { type Column } from '../components/Table';
import { Id, Words } from '../components/Id';
import { ResourceList } from '../components/ResourceList';
import { TagsEditor } from '../components/Tags';
import { DeletePipeline } from './PipelineForm';
import { imagePath } from './Images';
import { date } from '../format';

/** `2025-06-02 05:00` in `timeZone`. */
export function zoned(d: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
  } catch {
    return d.toISOString();
  }
}

/** A run time in UTC, and in the schedule's zone when that is another one. */
function RunTime({ d, tz }: { d: Date; tz: string }) {
  return (
    <span>
      <span className="nowrap">{date(d)}</span>
      {tz !== 'UTC' && tz !== 'Etc/UTC' ? (
        <>
          {' '}
          <span className="muted nowrap">
            ({zoned(d, tz)} {tz})
          </span>
        </>
      ) : null}
    </span>
  );
}

function scheduleText(s?: Schedule): string {
  return s?.scheduleExpression ? `${s.scheduleExpression} · ${s.timezone ?? 'UTC'}` : 'manual only';
}

/** `…:image-recipe/web/1.0.0` → `web 1.0.0`. */
function resourceName(arn?: string): string {
  if (!arn) return '—';
  const [, name = arn, version] = /^[^/]+\/([^/]+)(?:\/(.+))?$/.exec(arn) ?? [];
  return version ? `${name} ${version}` : name;
}

export function pipelinePath(arn: string): string {
  return `/pipelines/${encodeURIComponent(arn)}`;
}

const PIPELINE_COLUMNS: Column<ImagePipeline>[] = [
  { id: 'name', header: 'Name', value: (p) => p.name ?? '', cell: (p) => <Link to={pipelinePath(p.arn!)}>{p.name}</Link> },
  { id: 'status', header: 'Status', value: (p) => p.status ?? '', cell: (p) => <span className={`state state-${p.status}`}>{p.status}</span> },
  { id: 'recipe', header: 'Recipe', value: (p) => resourceName(p.imageRecipeArn ?? p.containerRecipeArn) },
  { id: 'schedule', header: 'Schedule', value: (p) => scheduleText(p.schedule) },
  {
    id: 'next',
    header: 'Next run',
    value: (p) => upcomingRuns(p, 1)[0]?.toISOString() ?? '',
    cell: (p) => {
      const next = upcomingRuns(p, 1)[0];
      return <span data-testid="next-run">{next ? <RunTime d={next} tz={p.schedule?.timezone ?? 'UTC'} /> : '—'}</span>;
    },
  },
  {
    id: 'last',
    header: 'Last run',
    value: (p) => p.lastRunStatus ?? 'never run',
    cell: (p) => <span className={p.lastRunStatus ? `state state-${p.lastRunStatus}` : ''}>{p.lastRunStatus ?? 'never run'}</span>,
  },
];

export function PipelinesList() {
  const { client, account, region } = useSession();
  const list = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListImagePipelinesCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.imagePipelineList, nextToken: out.nextToken };
      }),
    [client],
  );
  return (
    <ResourceList
      title="Image pipelines"
      create={{ to: '/pipelines/new', label: 'Create image pipeline' }}
      loadingWhat="pipelines"
      errorTitle="Cannot list pipelines"
      list={list}
      testId="pipelines"
      rowKey={(p) => p.arn!}
      rowName={(p) => p.name!}
      columns={PIPELINE_COLUMNS}
      initialSort={{ column: 'name', dir: 'ascending' }}
      empty={
        <>
          No pipelines in <span className="nowrap">{region}</span> for account {account} yet: create one with the button above, the API or the CLI (
          <code>aws imagebuilder create-image-pipeline</code>).
        </>
      }
      actions={[
        { label: 'View details', run: ([p]) => navigate(pipelinePath(p!.arn!)) },
        { label: 'Edit', run: ([p]) => navigate(`${pipelinePath(p!.arn!)}/edit`) },
      ]}
    />
  );
}

/** Everything the detail page shows: the pipeline and what it refers to (each may fail alone). */
async function loadPipeline(client: ReturnType<typeof useSession>['client'], arn: string) {
  const { imagePipeline: p } = await client.send(new GetImagePipelineCommand({ imagePipelineArn: arn }));
  const settle = async <T,>(f: () => Promise<T>): Promise<{ value?: T; error?: string }> => {
    try {
      return { value: await f() };
    } catch (e) {
      return { error: errorText(e) };
    }
  };
  const [recipe, container, infra, dist, images] = await Promise.all([
    p?.imageRecipeArn ? settle(async () => (await client.send(new GetImageRecipeCommand({ imageRecipeArn: p.imageRecipeArn! }))).imageRecipe) : undefined,
    p?.containerRecipeArn
      ? settle(async () => (await client.send(new GetContainerRecipeCommand({ containerRecipeArn: p.containerRecipeArn! }))).containerRecipe)
      : undefined,
    p?.infrastructureConfigurationArn
      ? settle(
          async () =>
            (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: p.infrastructureConfigurationArn! })))
              .infrastructureConfiguration,
        )
      : undefined,
    p?.distributionConfigurationArn
      ? settle(
          async () =>
            (await client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: p.distributionConfigurationArn! })))
              .distributionConfiguration,
        )
      : undefined,
    settle(() =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.imageSummaryList, nextToken: out.nextToken };
      }),
    ),
  ]);
  return { p: p!, recipe, container, infra, dist, images };
}

export function PipelineDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const got = useLoad(() => loadPipeline(client, arn), [client, arn]);
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (got.loading && !got.data) return <Loading what="pipeline" />;
  if (got.error && !got.data) return <ErrorBox title="Cannot load the pipeline" error={got.error} />;
  const { p, recipe, container, infra, dist, images } = got.data!;
  const tz = p.schedule?.timezone ?? 'UTC';
  const runs = upcomingRuns(p, 3);
  const distName = p.distributionConfigurationArn?.split('/').pop();
  async function runNow() {
    setStarting(true);
    setError(undefined);
    try {
      const out = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn, clientToken: crypto.randomUUID() }));
      navigate(imagePath(out.imageBuildVersionArn!));
    } catch (e) {
      setError(errorText(e));
      setStarting(false);
    }
  }
  return (
    <section>
      <Breadcrumbs items={[['Image pipelines', '/pipelines'], [p.name ?? 'Pipeline']]} />
      <header className="page-head">
        <h1>{p.name}</h1>
        <div className="actions">
          <button className="primary" onClick={runNow} disabled={starting}>
            {starting ? 'Starting…' : 'Run now'}
          </button>
          <Link className="button" to={`${pipelinePath(arn)}/edit`}>
            Edit
          </Link>
          <button className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </header>
      {deleting ? <DeletePipeline arn={arn} onClose={() => setDeleting(false)} /> : null}
      {error ? <ErrorBox title="Cannot start the pipeline" error={error} /> : null}
      {p.description ? <p>{p.description}</p> : null}
      <dl className="facts">
        <dt>ARN</dt>
        <dd>
          <Id value={p.arn} />
        </dd>
        <dt>Status</dt>
        <dd className={`state state-${p.status}`}>{p.status}</dd>
        <dt>Platform</dt>
        <dd>{p.platform ?? '—'}</dd>
        <dt>Last run</dt>
        <dd className={p.lastRunStatus ? `state state-${p.lastRunStatus}` : ''}>{p.lastRunStatus ?? 'never run'}</dd>
        <dt>Consecutive failures</dt>
        <dd>{p.consecutiveFailures ?? 0}</dd>
        <dt>Created</dt>
        <dd>{date(p.dateCreated)}</dd>
        {p.dateUpdated ? (
          <>
            <dt>Updated</dt>
            <dd>{date(p.dateUpdated)}</dd>
          </>
        ) : null}
        {p.workflows?.length ? (
          <>
            <dt>Workflows</dt>
            <dd data-testid="pipeline-workflows">
              <ol className="plain">
                {p.workflows.map((w, i) => (
                  <li key={`${w.workflowArn}/${i}`}>
                    <Link to={`/workflows/${encodeURIComponent(w.workflowArn!)}`}>{w.workflowArn!.split('/').slice(-2).join(' ')}</Link>
                    {w.parameters?.length ? (
                      <span className="muted"> ({w.parameters.map((x) => `${x.name}=${(x.value ?? []).join(',')}`).join('; ')})</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </dd>
            <dt>Execution role</dt>
            <dd>
              <Id value={p.executionRole} />
            </dd>
          </>
        ) : null}
      </dl>

      <div className="cols even">
        <div className="card" data-testid="pipeline-schedule">
          <h2>Schedule</h2>
          {p.schedule?.scheduleExpression ? (
            <dl className="facts">
              <dt>Expression</dt>
              <dd>
                <code>{p.schedule.scheduleExpression}</code>
              </dd>
              <dt>Time zone</dt>
              <dd>{tz}</dd>
              <dt>Start condition</dt>
              <dd>
                {p.schedule.pipelineExecutionStartCondition === 'EXPRESSION_MATCH_ONLY'
                  ? 'every match'
                  : 'only when the parent image or a component has an update'}
              </dd>
              {p.schedule.autoDisablePolicy?.failureCount ? (
                <>
                  <dt>Auto-disable</dt>
                  <dd>after {p.schedule.autoDisablePolicy.failureCount} consecutive scheduled failures</dd>
                </>
              ) : null}
              <dt>Next runs</dt>
              <dd data-testid="next-runs">
                {runs.length ? (
                  <ul className="runs">
                    {runs.map((r) => (
                      <li key={r.getTime()}>
                        <RunTime d={r} tz={tz} />
                      </li>
                    ))}
                  </ul>
                ) : p.status !== 'ENABLED' ? (
                  'none: the pipeline is disabled'
                ) : (
                  '—'
                )}
              </dd>
            </dl>
          ) : (
            <p className="muted">No schedule: this pipeline runs only when started (Run now or StartImagePipelineExecution).</p>
          )}
        </div>

        <div className="card" data-testid="pipeline-recipe">
          <h2>{p.containerRecipeArn ? 'Container recipe' : 'Image recipe'}</h2>
          <p>{resourceName(p.imageRecipeArn ?? p.containerRecipeArn)}</p>
          {recipe?.error || container?.error ? <ErrorBox error={(recipe?.error ?? container?.error)!} /> : null}
          {recipe?.value ? (
            <dl className="facts">
              <dt>Parent image</dt>
              <dd>
                <Id value={recipe.value.parentImage} />
              </dd>
              <dt>Components</dt>
              <dd>{(recipe.value.components ?? []).map((c) => resourceName(c.componentArn)).join(', ') || '—'}</dd>
              {recipe.value.description ? (
                <>
                  <dt>Description</dt>
                  <dd>{recipe.value.description}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {container?.value ? (
            <dl className="facts">
              <dt>Parent image</dt>
              <dd>
                <Id value={container.value.parentImage} />
              </dd>
              <dt>Target repository</dt>
              <dd>{container.value.targetRepository?.repositoryName}</dd>
            </dl>
          ) : null}
        </div>

        <div className="card" data-testid="pipeline-infrastructure">
          <h2>Infrastructure</h2>
          <p>{resourceName(p.infrastructureConfigurationArn)}</p>
          {infra?.error ? <ErrorBox error={infra.error} /> : null}
          {infra?.value ? (
            <dl className="facts">
              <dt>Instance profile</dt>
              <dd>{infra.value.instanceProfileName ?? '—'}</dd>
              <dt>Instance types</dt>
              <dd>{infra.value.instanceTypes?.join(', ') || 'default'}</dd>
              <dt>Terminate on failure</dt>
              <dd>{infra.value.terminateInstanceOnFailure === false ? 'no' : 'yes'}</dd>
            </dl>
          ) : null}
        </div>

        <div className="card" data-testid="pipeline-distribution">
          <h2>Distribution settings</h2>
          {p.distributionConfigurationArn ? (
            <>
              <p>
                <Link to={`/settings/${encodeURIComponent(dist?.value?.name ?? distName ?? '')}`}>{dist?.value?.name ?? distName}</Link>
              </p>
              {dist?.error ? <ErrorBox error={dist.error} /> : null}
              {dist?.value ? (
                <dl className="facts">
                  <dt>Regions</dt>
                  <dd>
                    <Words value={(dist.value.distributions ?? []).map((d) => d.region).join(', ')} />
                  </dd>
                  <dt>Target accounts</dt>
                  <dd>
                    {[...new Set((dist.value.distributions ?? []).flatMap((d) => d.amiDistributionConfiguration?.targetAccountIds ?? []))].join(', ') ||
                      'this account only'}
                  </dd>
                </dl>
              ) : null}
            </>
          ) : (
            <p className="muted">None: the build's own image is the output.</p>
          )}
        </div>
      </div>

      <TagsEditor arn={arn} />
      <h2>Images</h2>
      {images.error ? <ErrorBox title="Cannot list the pipeline's images" error={images.error} /> : null}
      {images.value?.length ? (
        <table data-testid="pipeline-images">
          <thead>
            <tr>
              <th>Image</th>
              <th>Status</th>
              <th>Started</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {images.value.map((i) => (
              <tr key={i.arn}>
                <td>
                  <Link to={imagePath(i.arn!)}>
                    {i.name} {i.version}
                  </Link>
                </td>
                <td className={`state state-${i.state?.status}`}>{i.state?.status}</td>
                <td>{i.buildType === 'SCHEDULED' ? 'on schedule' : 'by a user'}</td>
                <td>{date(i.dateCreated)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : images.value ? (
        <p className="empty">No images yet.</p>
      ) : null}
    </section>
  );
}

export { nextRuns, upcomingRuns };
