// "What the next run would touch": the admin dry run GET /_ibex/lifecycle/preview for one policy —
// each selected image with its action (or the exclusion that keeps it) and the AMIs per Region
// and account the action reaches, each linked to the World page filtered on it.
import { admin } from '../api';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { Id, Words } from '../components/Id';
import { ErrorBox, Loading } from '../components/Status';
import { imagePath, worldAmiPath } from './Images';

/** The route's answer (src/server/admin-lifecycle-preview.ts). */
export interface LifecyclePreview {
  lifecyclePolicyArn: string;
  status: string;
  evaluatedAt: string;
  images: {
    imageArn: string;
    name?: string;
    version?: string;
    status?: string;
    dateCreated?: string;
    action: string;
    skipped?: string;
    includeAmis: boolean;
    includeSnapshots: boolean;
    includeContainers: boolean;
    amis: { region: string; accountId: string; imageId: string; excluded?: string }[];
  }[];
  amiRulesCheckedAtRun: string[];
}

export function LifecyclePreviewPanel({ arn, version }: { arn: string; version: unknown }) {
  const preview = useLoad(() => admin<LifecyclePreview>('GET', `/_ibex/lifecycle/preview?policy=${encodeURIComponent(arn)}`), [arn, version]);
  const acting = preview.data?.images.filter((i) => !i.skipped) ?? [];
  return (
    <section className="card" data-testid="lifecycle-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">What the next run would touch</h2>
      {preview.loading && !preview.data ? <Loading what="the preview" /> : null}
      {preview.error ? <ErrorBox error={preview.error} /> : null}
      {preview.data ? (
        <>
          <p className="muted">
            A dry run at the world's time {preview.data.evaluatedAt}: nothing is changed.
            {preview.data.status === 'DISABLED' ? ' The policy is disabled: scheduled runs skip it until it is enabled.' : ''}
          </p>
          <p data-testid="preview-summary">
            {acting.length
              ? `${acting.length} image${acting.length === 1 ? '' : 's'} and ${acting.reduce((n, i) => n + i.amis.filter((a) => !a.excluded).length, 0)} AMI${acting.reduce((n, i) => n + i.amis.filter((a) => !a.excluded).length, 0) === 1 ? '' : 's'} would be acted on.`
              : 'The next run would act on no image.'}
          </p>
          {preview.data.images.length ? (
            <div className="table-wrap" tabIndex={0}>
              <table data-testid="preview-images">
                <thead>
                  <tr>
                    <th>Image</th>
                    <th>Status</th>
                    <th>Action</th>
                    <th>AMIs reached</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.data.images.map((i) => (
                    <tr key={i.imageArn} data-image={i.imageArn}>
                      <td>
                        <Link to={imagePath(i.imageArn)}>
                          {i.name} {i.version}
                        </Link>
                      </td>
                      <td className={`state state-${i.status}`}>{i.status}</td>
                      <td>
                        {i.skipped ? (
                          <>
                            kept <span className="muted">({i.skipped})</span>
                          </>
                        ) : (
                          <>
                            {i.action}
                            {i.includeSnapshots ? ' with snapshots' : ''}
                            {i.includeContainers ? ' with containers' : ''}
                          </>
                        )}
                      </td>
                      <td>
                        {i.amis.length ? (
                          <ul className="plain">
                            {i.amis.map((a) => (
                              <li key={`${a.region}/${a.accountId}/${a.imageId}`}>
                                <Link to={worldAmiPath(a.imageId)} className="nowrap">
                                  {a.imageId}
                                </Link>{' '}
                                <span className="nowrap muted">
                                  {a.region} · {a.accountId}
                                </span>
                                {a.excluded ? (
                                  <span className="muted">
                                    {' '}
                                    — kept: <Words value={a.excluded} />
                                  </span>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="muted">{i.skipped ? '—' : i.includeAmis ? 'none' : 'the image only (AMIs not included)'}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {preview.data.amiRulesCheckedAtRun.length ? (
            <p className="muted">
              Checked only when the run acts (they need EC2's view of each AMI): exclusionRules.amis.
              {preview.data.amiRulesCheckedAtRun.join(', exclusionRules.amis.')}.
            </p>
          ) : null}
          <p className="muted">
            Policy <Id value={preview.data.lifecyclePolicyArn} />
          </p>
        </>
      ) : null}
    </section>
  );
}
