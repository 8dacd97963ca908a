// World explorer: accounts and the organization tree; AMIs per account and Region with who can
// launch each; launch-template versions; SSM parameters; ECR images; S3 exports; faults.
import { useState } from 'react';
import { useLoad } from '../hooks';
import { admin, errorText } from '../api';
import type { Fault } from '../../../src/client/index';
import { ErrorBox, Loading } from '../components/Status';
import { whoCanLaunch, type Snapshot, type Unit } from '../world';
import { Link, usePath } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { Id, Words } from '../components/Id';

function Tree({ units, names }: { units: Unit[]; names: Map<string, string> }) {
  return (
    <ul className="tree">
      {units.map((u) => (
        <li key={u.id}>
          <span className="ou">
            OU {u.name} <small>{u.id}</small>
          </span>
          <ul className="tree">
            {u.accounts.map((a) => (
              <li key={a}>
                account {a} {names.get(a) ? `(${names.get(a)})` : ''}
              </li>
            ))}
          </ul>
          <Tree units={u.units} names={names} />
        </li>
      ))}
    </ul>
  );
}

function Faults() {
  const faults = useLoad(() => admin<{ faults: Fault[] }>('GET', '/_ibex/faults'), []);
  const [form, setForm] = useState({ service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded', region: '', probability: '' });
  const [error, setError] = useState<string>();
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      setError(undefined);
      await admin('POST', '/_ibex/faults', {
        service: form.service,
        operation: form.operation,
        error: form.error,
        ...(form.region ? { region: form.region } : {}),
        ...(form.probability ? { probability: Number(form.probability) } : {}),
      });
      faults.reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div className="card">
      <h2>Faults</h2>
      {faults.error ? <ErrorBox error={faults.error} /> : null}
      {faults.data?.faults.length ? (
        <ul>
          {faults.data.faults.map((f, i) => (
            <li key={i}>
              {f.service}:{f.operation} → {f.error}{' '}
              {f.region ? (
                <>
                  in <span className="nowrap">{f.region}</span>
                </>
              ) : (
                ''
              )}{' '}
              {f.probability ? `(${f.probability * 100}% of calls)` : f.times ? `(next ${f.times})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No faults.</p>
      )}
      <form className="row" onSubmit={add}>
        {(['service', 'operation', 'error', 'region', 'probability'] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`fault-${k}`}>{k}</label>
            <input id={`fault-${k}`} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
          </div>
        ))}
        <button type="submit">Add fault</button>
        <button type="button" onClick={() => admin('DELETE', '/_ibex/faults', {}).then(faults.reload, (e: unknown) => setError(errorText(e)))}>
          Clear faults
        </button>
      </form>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}

export function WorldPage() {
  const [account, setAccount] = useState('');
  const [region, setRegion] = useState('');
  const [amazon, setAmazon] = useState(false);
  const world = useLoad(() => admin<Snapshot>('GET', '/_ibex/world'), [], 3000);
  // /world?ami=ami-… (from an image's page) shows that AMI only, in whichever account holds it.
  const ami = new URLSearchParams(usePath().split('?')[1] ?? '').get('ami') ?? '';
  if (world.loading && !world.data) return <Loading what="the world" />;
  if (world.error && !world.data) return <ErrorBox error={world.error} />;
  const w = world.data!;
  const names = new Map(w.accounts.map((a) => [a.id, a.name ?? '']));
  const amazonIds = new Set(w.accounts.filter((a) => a.amazonManaged || a.name === 'amazon').map((a) => a.id));
  const inScope = <T extends { accountId: string; region: string }>(x: T) => (!account || x.accountId === account) && (!region || x.region === region);
  const images = ami ? w.images.filter((i) => i.imageId === ami) : w.images.filter(inScope).filter((i) => amazon || account || !amazonIds.has(i.accountId));
  const regions = [...new Set(w.images.map((i) => i.region))].sort();
  // Amazon's public parameters (/aws/service/…) are many; like its AMIs, they show on request.
  const params = w.ssmParameters.filter(inScope).filter((p) => amazon || account || !amazonIds.has(p.accountId));
  return (
    <section>
      <Breadcrumbs items={[['Image Builder', '/settings'], ['World']]} />
      <h1>World explorer</h1>
      <div className="row">
        <div className="field">
          <label htmlFor="world-account">Account</label>
          <select id="world-account" value={account} onChange={(e) => setAccount(e.target.value)}>
            <option value="">all accounts</option>
            {w.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id} {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="world-region">Region</label>
          <select id="world-region" value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">all Regions</option>
            {regions.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <div className="field check">
          <label>
            <input type="checkbox" checked={amazon} onChange={(e) => setAmazon(e.target.checked)} /> show Amazon-managed parents and parameters
          </label>
        </div>
        <button onClick={() => admin('POST', '/_ibex/reset', {}).then(world.reload)}>Reset world</button>
      </div>
      <div className="cols">
        <div className="card">
          <h2>Accounts</h2>
          <div className="table-wrap" tabIndex={0}>
            <table aria-label="Accounts">
              <thead>
                <tr>
                  <th>Account</th>
                  <th>Name</th>
                  <th>Notes</th>
                </tr>
              </thead>
              <tbody>
                {/* One notes column (role, opt-in) rather than two: at 375 px a fourth column sat off screen and stretched its rows. */}
                {w.accounts.map((a) => (
                  <tr key={a.id}>
                    <td className="nowrap">{a.id}</td>
                    <td>{a.name}</td>
                    <td>
                      <Words
                        value={[
                          a.roles?.some((r) => r.name === 'EC2ImageBuilderDistributionCrossAccountRole') ? 'cross-account role' : '',
                          a.disabledRegions?.length ? `not opted in: ${a.disabledRegions.join(', ')}` : '',
                        ]
                          .filter(Boolean)
                          .join('; ')}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div className="card">
          <h2>Organizations</h2>
          {w.organizations.map((o) => (
            <div key={o.id}>
              <strong>{o.id}</strong> — management account {o.managementAccountId}
              <Tree units={o.units} names={names} />
            </div>
          ))}
        </div>
      </div>
      <div className="card">
        <h2>AMIs ({images.length})</h2>
        {ami ? (
          <p role="status" data-testid="world-ami-filter">
            Showing AMI <strong className="nowrap">{ami}</strong> only{images.length ? '' : ' — no account holds it'}. <Link to="/world">Show every AMI</Link>
          </p>
        ) : null}
        {images.length === 0 && !ami ? (
          <p className="empty">
            No AMIs{account || region ? ' here' : ''} yet{amazon ? '' : ' (Amazon-managed parents are hidden)'}.
          </p>
        ) : null}
        {images.length > 0 ? (
          <div className="table-wrap" tabIndex={0}>
            <table data-testid="world-amis">
              <thead>
                <tr>
                  <th>Account</th>
                  <th>Region</th>
                  <th>AMI</th>
                  <th>Name</th>
                  <th>State</th>
                  <th>Who can launch this</th>
                </tr>
              </thead>
              <tbody>
                {images.map((i) => (
                  <tr key={`${i.accountId}/${i.region}/${i.imageId}`}>
                    <td className="nowrap">{i.accountId}</td>
                    <td className="nowrap">{i.region}</td>
                    <td className="nowrap">{i.imageId}</td>
                    <td>{i.name}</td>
                    <td className={`state state-${i.state.toUpperCase()}`}>{i.state}</td>
                    <td>
                      {whoCanLaunch(i, w).map((x, k, all) => (
                        <span key={x.accountId} className="nowrap">
                          {x.accountId} ({x.why}){k < all.length - 1 ? ', ' : ''}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
      <div className="cols">
        <div className="card">
          <h2>Launch templates</h2>
          {w.launchTemplates.filter(inScope).map((t) => (
            <div key={t.launchTemplateId}>
              <strong>{t.name}</strong> {t.launchTemplateId} — {t.accountId} <span className="nowrap">{t.region}</span>, default v{t.defaultVersion}
              <ul>
                {t.versions.map((v) => (
                  <li key={v.versionNumber}>
                    v{v.versionNumber}: {v.imageId ?? '—'}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        <div className="card">
          <h2>SSM parameters</h2>
          {params.length ? (
            <ul>
              {params.map((p) => (
                <li key={`${p.accountId}${p.region}${p.name}`}>
                  {p.accountId} <span className="nowrap">{p.region}</span>{' '}
                  <code>
                    <Id value={p.name} />
                  </code>{' '}
                  = <span className="nowrap">{p.value}</span> (v{p.version})
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">None.</p>
          )}
        </div>
      </div>
      <div className="cols">
        <div className="card">
          <h2>ECR images</h2>
          {w.ecrRepositories.filter(inScope).map((r) => (
            <div key={`${r.accountId}${r.region}${r.repositoryName}`}>
              <strong>{r.repositoryName}</strong> {r.accountId} <span className="nowrap">{r.region}</span>:{' '}
              {r.images.length ? r.images.map((i) => i.imageTags.join(',') || i.imageDigest.slice(0, 19)).join('; ') : 'empty'}
            </div>
          ))}
        </div>
        <div className="card">
          <h2>S3 exports</h2>
          {w.exportTasks.filter(inScope).map((t) => (
            <div key={t.exportImageTaskId}>
              {t.exportImageTaskId} {t.imageId} → s3://{t.s3Bucket}/{t.s3Prefix ?? ''} ({t.diskImageFormat}) {t.status}
            </div>
          ))}
          {w.s3Objects.filter(inScope).map((o) => (
            <div key={`${o.bucket}/${o.key}`}>
              s3://{o.bucket}/{o.key} ({o.size} bytes)
            </div>
          ))}
          {!w.exportTasks.filter(inScope).length && !w.s3Objects.filter(inScope).length ? <p className="empty">None.</p> : null}
        </div>
      </div>
      <Faults />
    </section>
  );
}
