// Images: the list (ListImages for the image versions, ListImageBuildVersions for each version's
// builds — CreateImage, pipeline runs and DistributeImage outputs alike) and the detail with the
// image page: source and settings (linked), the live fan-out picture, a timeline of the workflows
// and jobs with durations, what was granted to whom, each output AMI linked to the World page,
// the other builds of the version, failure reasons, retry and cancel, and approve/reject of a
// workflow step waiting for an action, the rings of its rollout (answering its approval gate), its
// drift and rolling back to it (beyond AWS).
import {
  CancelImageCreationCommand,
  ListImageBuildVersionsCommand,
  ListImagesCommand,
  ListWaitingWorkflowStepsCommand,
  RetryImageCommand,
  type Image,
  type ImageSummary,
} from '@aws-sdk/client-imagebuilder';
import { useState, type ReactNode } from 'react';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages, errorText } from '../api';
import { Link, navigate } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { Id, Words } from '../components/Id';
import { TagsEditor } from '../components/Tags';
import { ResourceTable, type Column } from '../components/Table';
import { ConfirmDialog } from '../components/Dialog';
import { useWorld } from '../worldContext';
import { whoCanLaunch } from '../world';
import { ErrorBox, Loading } from '../components/Status';
import { FanOut } from '../components/FanOut';
import { WaitingSteps } from '../components/WaitingSteps';
import { DriftPanel } from '../components/DriftPanel';
import { RollbackPanel, managesPointers } from '../components/Rollback';
import { ImageRollout, ringsOfJobs, useImageRollout, useRolloutJobs } from '../components/ImageRollout';
import { isFinished, loadProgress, type Job, type Phase } from '../progress';
import { date } from '../format';

/** "name x.y.z/n" for an image build version ARN (…:image/<name>/<x.y.z>/<n>). */
export function imageLabel(arn: string): string {
  const [, name = arn, version, build] = arn.split('/');
  return version ? `${name} ${version}${build ? `/${build}` : ''}` : name;
}

export function imagePath(arn: string): string {
  return `/images/${encodeURIComponent(arn)}`;
}

type Client = ReturnType<typeof useSession>['client'];

/** The caller's image builds (x.y.z/n), newest first. */
export async function listImageBuilds(client: Client): Promise<ImageSummary[]> {
  const versions = await allPages(async (nextToken) => {
    const out = await client.send(new ListImagesCommand({ owner: 'Self', includeDeprecated: true, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
    return { items: out.imageVersionList, nextToken: out.nextToken };
  });
  const builds = await Promise.all(
    versions
      .filter((v) => v.arn)
      .map((v) =>
        allPages(async (nextToken) => {
          const out = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn: v.arn!, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
          return { items: out.imageSummaryList, nextToken: out.nextToken };
        }),
      ),
  );
  return builds.flat().sort((a, b) => (b.dateCreated ?? '').localeCompare(a.dateCreated ?? '') || (b.arn ?? '').localeCompare(a.arn ?? ''));
}

const SOURCE: Record<string, string> = { USER_INITIATED: 'started by a user', SCHEDULED: 'scheduled', IMPORT: 'import', IMPORT_ISO: 'ISO import' };

/** The list's columns; `waiting`: images with a workflow step waiting for an action. */
const imageColumns = (waiting: Set<string>): Column<ImageSummary>[] => [
  { id: 'name', header: 'Image', value: (i) => i.name ?? '', cell: (i) => <Link to={imagePath(i.arn!)}>{i.name}</Link> },
  { id: 'version', header: 'Version', value: (i) => i.version ?? '', className: 'nowrap' },
  {
    id: 'status',
    header: 'Status',
    value: (i) => `${i.state?.status ?? ''}${waiting.has(i.arn!) ? ' waiting for an action' : ''}`,
    cell: (i) => (
      <>
        <span className={`state state-${i.state?.status}`}>{i.state?.status}</span>
        {waiting.has(i.arn!) ? <span className="ring-tag"> waiting for an action</span> : null}
      </>
    ),
  },
  { id: 'type', header: 'Type', value: (i) => `${i.type} · ${i.platform}` },
  { id: 'build', header: 'Build', value: (i) => SOURCE[i.buildType ?? ''] ?? i.buildType ?? '—' },
  { id: 'created', header: 'Created', value: (i) => date(i.dateCreated), className: 'nowrap' },
];

export function ImagesList() {
  const { client, account, region } = useSession();
  // Poll while any build is still moving, so new states show without a reload.
  const list = useLoad(
    () => listImageBuilds(client),
    [client],
    3000,
    (d) => !!d?.some((i) => !isFinished(i.state?.status ?? '')),
  );
  // Which of them wait for an approval (ListWaitingWorkflowSteps), refreshed with the list.
  const waiting = useLoad(
    async () =>
      new Set(
        (
          await allPages(async (nextToken) => {
            const out = await client.send(new ListWaitingWorkflowStepsCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
            return { items: out.steps, nextToken: out.nextToken };
          })
        ).map((w) => w.imageBuildVersionArn!),
      ),
    [client, list.data],
  );
  const [error, setError] = useState<string>();
  const act = async (what: 'retry' | 'cancel', rows: ImageSummary[]) => {
    setError(undefined);
    try {
      for (const r of rows) {
        if (what === 'retry') await client.send(new RetryImageCommand({ imageBuildVersionArn: r.arn!, clientToken: crypto.randomUUID() }));
        else await client.send(new CancelImageCreationCommand({ imageBuildVersionArn: r.arn!, clientToken: crypto.randomUUID() }));
      }
      list.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section>
      <Breadcrumbs items={[['Image Builder', '/settings'], ['Images']]} />
      <header className="page-head">
        <h1>Images</h1>
        <Link className="button primary" to="/plan">
          Distribute an image
        </Link>
      </header>
      {list.loading && !list.data ? <Loading what="images" /> : null}
      {list.error ? <ErrorBox error={list.error} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {list.data ? (
        <ResourceTable
          label="Images"
          testId="images"
          rows={list.data}
          rowKey={(i) => i.arn!}
          rowName={(i) => `${i.name} ${i.version}`}
          columns={imageColumns(waiting.data ?? new Set())}
          empty={`No images in ${region} for account ${account} yet.`}
          actions={[
            { label: 'View details', run: ([i]) => navigate(imagePath(i!.arn!)) },
            {
              label: 'Retry failed jobs',
              enabled: (rows) => rows.length > 0 && rows.every((r) => r.state?.status === 'FAILED'),
              run: (rows) => void act('retry', rows),
            },
            {
              label: 'Cancel',
              enabled: (rows) => rows.length > 0 && rows.every((r) => !isFinished(r.state?.status ?? '')),
              run: (rows) => void act('cancel', rows),
            },
          ]}
        />
      ) : null}
    </section>
  );
}

const PHASE: Record<string, string> = { BUILD: 'Build', TEST: 'Test', DISTRIBUTION: 'Distribute' };

/** Build → Test → Distribute with each workflow's state (a DistributeImage image has only the last). */
function Phases({ phases }: { phases: Phase[] }) {
  if (!phases.length) return null;
  return (
    <ol className="phases" aria-label="Workflows">
      {phases.map((ph) => (
        <li key={ph.type} className={`state state-${ph.status}`} data-phase={ph.type} data-state={ph.status}>
          {PHASE[ph.type] ?? ph.type}: {ph.status}
        </li>
      ))}
    </ol>
  );
}

/** "1.2 s", "3 min 4 s"; a running item counts up to now. */
export function duration(start?: string, end?: string, now = Date.now()): string {
  if (!start) return '—';
  const ms = (end ? Date.parse(end) : now) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Bars on one time axis: each workflow execution and each job, from its start to its end. */
function Timeline({ items }: { items: { label: ReactNode; key: string; start?: string; end?: string; status: string }[] }) {
  const starts = items.map((i) => Date.parse(i.start ?? '')).filter(Number.isFinite);
  if (!starts.length) return <p className="empty">Nothing has started yet.</p>;
  const t0 = Math.min(...starts);
  const t1 = Math.max(Date.now(), ...items.map((i) => Date.parse(i.end ?? '')).filter(Number.isFinite));
  const span = Math.max(1, t1 - t0);
  return (
    <ol className="timeline" aria-label="Timeline">
      {items.map((i) => {
        const s = Date.parse(i.start ?? '');
        const e = i.end ? Date.parse(i.end) : Date.now();
        const left = Number.isFinite(s) ? ((s - t0) / span) * 100 : 0;
        const width = Number.isFinite(s) ? Math.max(1, ((e - s) / span) * 100) : 0;
        return (
          <li key={i.key} data-timeline={i.key}>
            <span>{i.label}</span>
            <span className="bar" aria-hidden="true">
              <i
                style={{
                  left: `${left}%`,
                  width: `${width}%`,
                  background: i.status === 'FAILED' ? '#d64545' : i.status === 'COMPLETED' ? '#27ae60' : '#2f80ed',
                }}
              />
            </span>
            <span className="nowrap">
              <span className={`state state-${i.status}`}>{i.status}</span> · {duration(i.start, i.end)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** The World page, filtered on one AMI. */
export function worldAmiPath(imageId: string): string {
  return `/world?ami=${encodeURIComponent(imageId)}`;
}

function AmiLink({ id }: { id: string }) {
  return (
    <Link to={worldAmiPath(id)} className="nowrap">
      {id}
    </Link>
  );
}

/** The source: the recipe's parent image, or the AMI the owner copies were made from. */
function Source({ image, jobs }: { image: Image; jobs: Job[] }) {
  const parent = image.imageRecipe?.parentImage;
  const copied = jobs.find((j) => j.sourceImageId);
  if (parent) return /^ami-/.test(parent) ? <AmiLink id={parent} /> : <Id value={parent} />;
  if (copied?.sourceImageId)
    return (
      <>
        <AmiLink id={copied.sourceImageId} /> {copied.sourceRegion ? <span className="muted">in {copied.sourceRegion}</span> : null}
      </>
    );
  return <span className="muted">—</span>;
}

/** Builds of the same image version (x.y.z), newest first. */
function OtherBuilds({ arn, status }: { arn: string; status: string }) {
  const { client } = useSession();
  const versionArn = arn.replace(/\/\d+$/, '');
  const builds = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn: versionArn, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.imageSummaryList, nextToken: out.nextToken };
      }),
    [client, versionArn, status],
  );
  if (!builds.data || builds.data.length < 2) return null;
  return (
    <section className="card">
      <h2>Build versions of {versionArn.split('/').slice(-2).join(' ')}</h2>
      <ul className="plain">
        {[...builds.data]
          .sort((a, b) => (b.dateCreated ?? '').localeCompare(a.dateCreated ?? ''))
          .map((b) => (
            <li key={b.arn}>
              {b.arn === arn ? <strong aria-current="page">{b.version} (this build)</strong> : <Link to={imagePath(b.arn!)}>{b.version}</Link>} ·{' '}
              <span className={`state state-${b.state?.status}`}>{b.state?.status}</span> · {date(b.dateCreated)}
            </li>
          ))}
      </ul>
    </section>
  );
}

export function ImageDetail({ arn }: { arn: string }) {
  const { client, account, region } = useSession();
  const { world, reload: reloadWorld } = useWorld();
  const [actionError, setActionError] = useState<string>();
  const [cancelling, setCancelling] = useState(false);
  const p = useLoad(
    () => loadProgress(client, arn),
    [client, arn],
    700,
    (d) => !d || !isFinished(d.status),
  );
  const rollout = useImageRollout(arn);
  const rolloutJobs = useRolloutJobs(rollout);
  const done = p.data ? isFinished(p.data.status) : false;
  // Refresh the world once the image settles, so who-can-launch shows the final grants.
  const [seenDone, setSeenDone] = useState(false);
  if (done && !seenDone) {
    setSeenDone(true);
    reloadWorld();
  }
  const crumbs = <Breadcrumbs items={[['Images', '/images'], [p.data?.image.name ? `${p.data.image.name} ${p.data.image.version}` : 'Image']]} />;
  if (p.loading && !p.data) return <Loading what="image" />;
  if (p.error && !p.data)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the image" error={p.error} />
      </>
    );
  const { image, status, phases, executions } = p.data!;
  // A rollout's image distributes through the rings' runs, not a workflow execution.
  const jobs = p.data!.jobs.length === 0 && rolloutJobs ? rolloutJobs : p.data!.jobs;
  const outputs = image.outputResources?.amis ?? [];
  const amis = Object.fromEntries(outputs.map((a) => [`${a.region}/${a.accountId}`, a.image ?? '']));
  const failed = jobs.filter((j) => j.status === 'FAILED');
  const settings = image.distributionConfiguration;
  const settingsLink =
    settings?.arn && settings.arn.split(':')[4] === account && settings.arn.split(':')[3] === region && settings.name ? (
      <Link to={`/settings/${encodeURIComponent(settings.name)}`}>{settings.name}</Link>
    ) : (
      <Id value={settings?.arn} />
    );
  const act = async (what: 'retry' | 'cancel') => {
    setActionError(undefined);
    if (what === 'retry') await client.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: crypto.randomUUID() }));
    else await client.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: crypto.randomUUID() }));
    p.reload();
  };
  const granted = outputs.flatMap((a) => {
    const rec = world?.images.find((i) => i.imageId === a.image && i.region === a.region);
    return rec ? whoCanLaunch(rec, world!).map((w) => ({ ami: a.image!, region: a.region!, ...w })) : [];
  });
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>
          {image.name} {image.version}
        </h1>
        <div className="actions">
          {status === 'FAILED' ? <button onClick={() => act('retry').catch((e: unknown) => setActionError(errorText(e)))}>Retry failed jobs</button> : null}
          {!isFinished(status) ? <button onClick={() => setCancelling(true)}>Cancel</button> : null}
        </div>
      </header>
      <p>
        Status:{' '}
        <strong className={`state state-${status}`} data-testid="image-status">
          {status}
        </strong>
        {image.dateCreated ? <span className="muted"> · created {date(image.dateCreated)}</span> : null}
      </p>
      <Phases phases={phases} />
      {/* A rollout's approval gate is a waiting step too: the rollout panel answers it, this leaves it out. */}
      <WaitingSteps imageArn={image.arn ?? arn} moving={!isFinished(status)} onActed={p.reload} />
      {actionError ? <ErrorBox error={actionError} /> : null}
      {image.state?.reason ? <ErrorBox title="Reason" error={image.state.reason} /> : null}
      <dl className="facts card" data-testid="image-facts">
        <dt>Image ARN</dt>
        <dd>
          <Id value={image.arn ?? arn} />
        </dd>
        <dt>Source</dt>
        <dd data-testid="image-source">
          <Source image={image} jobs={jobs} />
        </dd>
        <dt>Distribution settings</dt>
        <dd data-testid="image-settings">{settings ? settingsLink : <span className="muted">none (the AMI stays in the build Region)</span>}</dd>
        {image.sourcePipelineArn ? (
          <>
            <dt>Pipeline</dt>
            <dd data-testid="image-pipeline">
              built by pipeline{' '}
              <Link to={`/pipelines/${encodeURIComponent(image.sourcePipelineArn)}`}>{image.sourcePipelineName ?? image.sourcePipelineArn}</Link>
            </dd>
          </>
        ) : null}
        {image.imageRecipe?.arn ? (
          <>
            <dt>Recipe</dt>
            <dd>
              <Id value={image.imageRecipe.arn} />
            </dd>
          </>
        ) : null}
        <dt>Type</dt>
        <dd>
          {image.type} · {image.platform} {image.osVersion ? `· ${image.osVersion}` : ''}
        </dd>
        <dt>Execution role</dt>
        <dd>
          <Id value={image.executionRole} />
        </dd>
      </dl>
      {rollout ? <ImageRollout rollout={rollout} onActed={p.reload} /> : null}
      <FanOut source={image.name ?? arn} status={status} jobs={jobs} amis={amis} {...(rollout ? { ringOf: ringsOfJobs(rollout)! } : {})} />
      {failed.length ? (
        <div className="card">
          <h2>Failures</h2>
          <ul>
            {failed.map((j) => (
              <li key={j.key}>
                <strong>
                  {j.region} / {j.accountId} / {j.kind}
                </strong>
                : {j.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <section className="card">
        <h2>Timeline</h2>
        <Timeline
          items={[
            ...executions.map((w, i) => ({
              key: `wf-${w.id ?? i}`,
              label: <strong>{PHASE[w.type] ?? w.type} workflow</strong>,
              start: w.startTime,
              end: w.endTime,
              status: w.status,
            })),
            ...jobs.map((j) => ({
              key: j.key,
              label: <Words value={`${j.region} · ${j.accountId} · ${j.title ?? j.kind}`} />,
              start: j.startTime,
              end: j.endTime,
              status: j.status,
            })),
          ]}
        />
      </section>
      <div className="table-wrap" tabIndex={0}>
        <table data-testid="jobs">
          <caption>Jobs</caption>
          <thead>
            <tr>
              <th>Region</th>
              <th>Account</th>
              <th>Job</th>
              <th>Status</th>
              <th>Duration</th>
              <th>AMI</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => {
              const ami = j.kind === 'ami' ? amis[`${j.region}/${j.accountId}`] : undefined;
              return (
                <tr key={j.key}>
                  <td className="nowrap">{j.region}</td>
                  <td className="nowrap">{j.accountId}</td>
                  <td>
                    <Words value={j.title ?? j.kind} />
                  </td>
                  <td className={`state state-${j.status}`}>{j.status}</td>
                  <td className="nowrap">{duration(j.startTime, j.endTime)}</td>
                  <td>{ami ? <AmiLink id={ami} /> : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section className="card">
        <h2>Output AMIs and who can launch them</h2>
        {outputs.length ? (
          <div className="table-wrap" tabIndex={0}>
            <table data-testid="granted">
              <thead>
                <tr>
                  <th>AMI</th>
                  <th>Region</th>
                  <th>Owner</th>
                  <th>Who can launch it</th>
                </tr>
              </thead>
              <tbody>
                {outputs.map((a) => (
                  <tr key={`${a.region}/${a.accountId}/${a.image}`}>
                    <td>
                      <AmiLink id={a.image!} />
                    </td>
                    <td className="nowrap">{a.region}</td>
                    <td className="nowrap">{a.accountId}</td>
                    <td>
                      {granted
                        .filter((g) => g.ami === a.image && g.region === a.region)
                        .map((g) => (
                          <span key={g.accountId} className="nowrap grant">
                            {g.accountId} <span className="muted">({g.why})</span>{' '}
                          </span>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{done ? 'No AMIs were produced.' : 'No AMIs yet.'}</p>
        )}
      </section>
      {executions.length ? (
        <section className="card">
          <h2>Workflow executions</h2>
          <div className="table-wrap" tabIndex={0}>
            <table data-testid="executions">
              <thead>
                <tr>
                  <th>Workflow</th>
                  <th>Execution</th>
                  <th>Status</th>
                  <th>Started</th>
                  <th>Duration</th>
                </tr>
              </thead>
              <tbody>
                {executions.map((w, i) => (
                  <tr key={w.id ?? i}>
                    <td>{PHASE[w.type] ?? w.type}</td>
                    <td className="nowrap">{w.id ?? '—'}</td>
                    <td className={`state state-${w.status}`}>{w.status}</td>
                    <td className="nowrap">{date(w.startTime)}</td>
                    <td className="nowrap">{duration(w.startTime, w.endTime)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {/* Drift compares deliveries with the world: only once the distribution has delivered. */}
      {status === 'AVAILABLE' ? <DriftPanel imageArn={image.arn ?? arn} /> : null}
      {/* Rollback puts this image back where its settings manage parameters and template defaults. */}
      {status === 'AVAILABLE' && managesPointers(image) ? <RollbackPanel imageArn={image.arn ?? arn} imageName={`${image.name} ${image.version}`} /> : null}
      <TagsEditor arn={arn} />
      <OtherBuilds arn={arn} status={status} />
      {cancelling ? (
        <ConfirmDialog
          title={`Cancel ${image.name} ${image.version}?`}
          confirmLabel="Cancel the image"
          closeLabel="Keep running"
          onClose={() => setCancelling(false)}
          onConfirm={async () => (await act('cancel'), setCancelling(false))}
        >
          <p>Jobs that have not finished stop; AMIs already copied stay where they are.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
