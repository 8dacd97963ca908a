// One distribution settings: every distribution, edit, delete (dependency errors explained),
// and a shortcut to plan a distribution with it.
import { useState } from 'react';
import { DeleteDistributionConfigurationCommand, GetDistributionConfigurationCommand, ListTagsForResourceCommand } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { errorText } from '../api';
import { date } from './SettingsList';

export function settingsArn(account: string, region: string, name: string): string {
  return `arn:aws:imagebuilder:${region}:${account}:distribution-configuration/${name.toLowerCase().replace(/[ _]/g, '-')}`;
}

export function SettingsDetail({ name }: { name: string }) {
  const { client, account, region } = useSession();
  const arn = settingsArn(account, region, name);
  const got = useLoad(async () => {
    const { distributionConfiguration } = await client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
    const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    return { cfg: distributionConfiguration!, tags: tags ?? {} };
  }, [client, arn]);
  const [deleteError, setDeleteError] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  async function remove() {
    try {
      await client.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
      navigate('/settings');
    } catch (e) {
      const err = e as { name?: string };
      setDeleteError(
        err.name === 'ResourceDependencyException'
          ? `${errorText(e)} — these settings are still used by an image pipeline or another resource. Remove them from the pipeline (or delete the pipeline) first, then delete the settings.`
          : errorText(e),
      );
      setConfirming(false);
    }
  }

  if (got.loading && !got.data) return <Loading what="distribution settings" />;
  if (got.error) return <ErrorBox title={`Cannot load ${name}`} error={got.error} />;
  const { cfg, tags } = got.data!;
  return (
    <section>
      <header className="page-head">
        <h1>{cfg.name}</h1>
        <div className="actions">
          <Link className="button" to={`/plan?settings=${encodeURIComponent(cfg.arn!)}`}>
            Plan a distribution
          </Link>
          <Link className="button" to={`/settings/${encodeURIComponent(cfg.name!)}/edit`}>
            Edit
          </Link>
          {confirming ? (
            <>
              <button className="danger" onClick={remove}>
                Confirm delete
              </button>
              <button onClick={() => setConfirming(false)}>Keep</button>
            </>
          ) : (
            <button className="danger" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
      </header>
      {deleteError ? <ErrorBox title="Delete failed" error={deleteError} /> : null}
      <dl className="facts">
        <dt>ARN</dt>
        <dd>{cfg.arn}</dd>
        <dt>Description</dt>
        <dd>{cfg.description || '—'}</dd>
        <dt>Created</dt>
        <dd>{date(cfg.dateCreated)}</dd>
        <dt>Updated</dt>
        <dd>{date(cfg.dateUpdated)}</dd>
        <dt>Tags</dt>
        <dd>{Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ') || '—'}</dd>
      </dl>
      {(cfg.distributions ?? []).map((d, i) => (
        <article className="card" key={i}>
          <h2>{d.region}</h2>
          <pre className="json">{JSON.stringify({ ...d, region: undefined }, null, 2)}</pre>
        </article>
      ))}
    </section>
  );
}
