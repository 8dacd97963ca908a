// Images: the list (ListImages, or — until ibex implements it — the images whose AMIs the world
// shows) and the detail with the live fan-out picture and failure reasons.
import { CancelImageCreationCommand, ListImagesCommand, RetryImageCommand } from '@aws-sdk/client-imagebuilder';
import { useState } from 'react';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { admin, errorText } from '../api';
import { Link } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { FanOut } from '../components/FanOut';
import { loadProgress, TERMINAL } from '../progress';
import type { Snapshot } from '../world';

export function imagePath(arn: string): string {
  return `/images/${encodeURIComponent(arn)}`;
}

async function listImageArns(client: ReturnType<typeof useSession>['client'], account: string, region: string): Promise<string[]> {
  try {
    const out = await client.send(new ListImagesCommand({ owner: 'Self', includeDeprecated: true }));
    return (out.imageVersionList ?? []).map((v) => v.arn!).filter(Boolean);
  } catch (e) {
    if ((e as { name?: string }).name !== 'InvalidRequestException') throw e;
    // ListImages is not served yet: every AMI ibex made carries its image ARN in a tag.
    const world = await admin<Snapshot>('GET', `/_ibex/world?accountId=${account}`);
    const arns = world.images.map((i) => i.tags.Ec2ImageBuilderArn).filter((a): a is string => Boolean(a) && a!.includes(`:${region}:${account}:`));
    const recent = JSON.parse(window.localStorage.getItem('ibex.images') ?? '[]') as string[];
    return [...new Set([...recent.filter((a) => a.includes(`:${region}:${account}:`)), ...arns])];
  }
}

/** Remembers an image this browser started, so the list shows it before any AMI exists. */
export function rememberImage(arn: string): void {
  const recent = JSON.parse(window.localStorage.getItem('ibex.images') ?? '[]') as string[];
  window.localStorage.setItem('ibex.images', JSON.stringify([arn, ...recent.filter((a) => a !== arn)].slice(0, 50)));
}

export function ImagesList() {
  const { client, account, region } = useSession();
  const list = useLoad(() => listImageArns(client, account, region), [client]);
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
          <ul className="plain">
            {list.data.map((arn) => (
              <li key={arn}>
                <Link to={imagePath(arn)}>{arn.split(':image/')[1]}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No images in {region} for account {account} yet.</p>
        )
      ) : null}
    </section>
  );
}

export function ImageDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const [actionError, setActionError] = useState<string>();
  const p = useLoad(() => loadProgress(client, arn), [client, arn], 700, (d) => !d || !TERMINAL.has(d.status));
  if (p.loading && !p.data) return <Loading what="image" />;
  if (p.error && !p.data) return <ErrorBox title="Cannot load the image" error={p.error} />;
  const { image, status, jobs } = p.data!;
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
      </p>
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
