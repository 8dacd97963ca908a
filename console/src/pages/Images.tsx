// Images: the list (ListImages for the image versions, ListImageBuildVersions for each version's
// builds — CreateImage, pipeline runs and DistributeImage outputs alike) and the detail with the
// live fan-out picture, the build phases and failure reasons.
import { CancelImageCreationCommand, ListImageBuildVersionsCommand, ListImagesCommand, RetryImageCommand, type ImageSummary } from '@aws-sdk/client-imagebuilder';
import { useState } from 'react';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages, errorText } from '../api';
import { Link } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { FanOut } from '../components/FanOut';
import { loadProgress, TERMINAL, type Phase } from '../progress';
import { date } from './SettingsList';

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

export function ImagesList() {
  const { client, account, region } = useSession();
  // Poll while any build is still moving, so new states show without a reload.
  const list = useLoad(() => listImageBuilds(client), [client], 3000, (d) => !!d?.some((i) => !TERMINAL.has(i.state?.status ?? '')));
  return (
    <section>
      <header className="page-head">
        <h1>Images</h1>
        <Link className="button primary" to="/plan">
          Distribute an image
        </Link>
      </header>
      {list.loading && !list.data ? <Loading what="images" /> : null}
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data ? (
        list.data.length ? (
          <table data-testid="images">
            <thead>
              <tr>
                <th>Image</th>
                <th>Version</th>
                <th>Status</th>
                <th>Type</th>
                <th>Build</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((i) => (
                <tr key={i.arn}>
                  <td>
                    <Link to={imagePath(i.arn!)}>{i.name}</Link>
                  </td>
                  <td>{i.version}</td>
                  <td className={`state state-${i.state?.status}`}>{i.state?.status}</td>
                  <td>
                    {i.type} · {i.platform}
                  </td>
                  <td>{SOURCE[i.buildType ?? ''] ?? i.buildType ?? '—'}</td>
                  <td>{date(i.dateCreated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">No images in {region} for account {account} yet.</p>
        )
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

export function ImageDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const [actionError, setActionError] = useState<string>();
  const p = useLoad(() => loadProgress(client, arn), [client, arn], 700, (d) => !d || !TERMINAL.has(d.status));
  if (p.loading && !p.data) return <Loading what="image" />;
  if (p.error && !p.data) return <ErrorBox title="Cannot load the image" error={p.error} />;
  const { image, status, jobs, phases } = p.data!;
  const amis = Object.fromEntries((image.outputResources?.amis ?? []).map((a) => [`${a.region}/${a.accountId}`, a.image ?? '']));
  const failed = jobs.filter((j) => j.status === 'FAILED');
  const act = async (what: 'retry' | 'cancel') => {
    try {
      setActionError(undefined);
      if (what === 'retry') await client.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: crypto.randomUUID() }));
      else await client.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: crypto.randomUUID() }));
      p.reload();
    } catch (e) {
      setActionError(errorText(e));
    }
  };
  return (
    <section>
      <header className="page-head">
        <h1>
          {image.name} {image.version}
        </h1>
        <div className="actions">
          {status === 'FAILED' ? <button onClick={() => act('retry')}>Retry failed jobs</button> : null}
          {!TERMINAL.has(status) ? <button onClick={() => act('cancel')}>Cancel</button> : null}
        </div>
      </header>
      <p>
        Status: <strong className={`state state-${status}`} data-testid="image-status">{status}</strong>
        {image.sourcePipelineArn ? (
          <>
            {' '}
            · built by pipeline <Link to={`/pipelines/${encodeURIComponent(image.sourcePipelineArn)}`}>{image.sourcePipelineName ?? image.sourcePipelineArn}</Link>
          </>
        ) : null}
        {image.dateCreated ? <span className="muted"> · created {date(image.dateCreated)}</span> : null}
      </p>
      <Phases phases={phases} />
      {actionError ? <ErrorBox error={actionError} /> : null}
      {image.state?.reason ? <ErrorBox title="Reason" error={image.state.reason} /> : null}
      <FanOut source={image.name ?? arn} status={status} jobs={jobs} amis={amis} />
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
      <table>
        <caption>Jobs</caption>
        <thead>
          <tr>
            <th>Region</th>
            <th>Account</th>
            <th>Job</th>
            <th>Status</th>
            <th>AMI</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.key}>
              <td>{j.region}</td>
              <td>{j.accountId}</td>
              <td>{j.title ?? j.kind}</td>
              <td className={`state state-${j.status}`}>{j.status}</td>
              <td>{j.kind === 'ami' ? amis[`${j.region}/${j.accountId}`] ?? '' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
