// What one lifecycle execution touched (ListLifecycleExecutionResources): each image with its
// action and state, and under it the AMIs (per Region and account) and their snapshots, each with
// its state and reason (SKIPPED ones say which exclusion kept them).
import { useState } from 'react';
import { ListLifecycleExecutionResourcesCommand, type LifecycleExecutionResource } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages } from '../api';
import { Link } from '../router';
import { ErrorBox, Loading } from './Status';
import { Words } from './Id';
import { imageLabel } from '../pages/Images';

type Client = ReturnType<typeof useSession>['client'];

function resources(client: Client, lifecycleExecutionId: string, parentResourceId?: string): Promise<LifecycleExecutionResource[]> {
  return allPages(async (nextToken) => {
    const out = await client.send(
      new ListLifecycleExecutionResourcesCommand({
        lifecycleExecutionId,
        maxResults: 25,
        ...(parentResourceId ? { parentResourceId } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    return { items: out.resources, nextToken: out.nextToken };
  });
}

function State({ r }: { r: LifecycleExecutionResource }) {
  return (
    <>
      <span className={`state state-${r.state?.status}`}>{r.state?.status}</span>
      {/* A SKIPPED reason names the exclusion's Regions: kept whole. */}
      {r.state?.reason ? (
        <span className="muted">
          {' '}
          — <Words value={r.state.reason} />
        </span>
      ) : null}
    </>
  );
}

export function LifecycleResources({ executionId, settledAt }: { executionId: string; settledAt: string }) {
  const { client } = useSession();
  const got = useLoad(async () => {
    const images = await resources(client, executionId);
    return Promise.all(images.map(async (i) => ({ image: i, children: await resources(client, executionId, i.resourceId!) })));
  }, [client, executionId, settledAt]);
  if (got.loading && !got.data) return <Loading what="resources" />;
  if (got.error) return <ErrorBox error={got.error} />;
  if (!got.data?.length) return <p className="empty">The execution touched no resource.</p>;
  return (
    <ul className="plain" data-testid={`resources-${executionId}`}>
      {got.data.map(({ image, children }) => (
        <li key={image.resourceId} data-resource={image.resourceId}>
          {image.action?.name} <Link to={`/images/${encodeURIComponent(image.resourceId!)}`}>{imageLabel(image.resourceId!)}</Link>: <State r={image} />
          {children.length ? (
            <ul>
              {children.map((c) => (
                <li key={`${c.region}/${c.accountId}/${c.resourceId}`} data-resource={c.resourceId}>
                  <Link to={`/world?ami=${encodeURIComponent(c.resourceId!)}`} className="nowrap">
                    {c.resourceId}
                  </Link>{' '}
                  <span className="nowrap muted">
                    {c.region} · {c.accountId}
                  </span>
                  : <State r={c} />
                  {c.snapshots?.length ? (
                    <span className="muted"> · snapshots {c.snapshots.map((s) => `${s.snapshotId} ${s.state?.status ?? ''}`).join(', ')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A disclosure that loads the resources only once opened. */
export function ExecutionResources({ executionId, settledAt }: { executionId: string; settledAt: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Resources of {executionId}</summary>
      {open ? <LifecycleResources executionId={executionId} settledAt={settledAt} /> : null}
    </details>
  );
}
