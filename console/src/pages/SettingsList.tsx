// Distribution settings: searchable list with Regions and dates.
import { useState } from 'react';
import { ListDistributionConfigurationsCommand, type DistributionConfigurationSummary } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { ErrorBox, Loading } from '../components/Status';

export async function listAllSettings(client: ReturnType<typeof useSession>['client']): Promise<DistributionConfigurationSummary[]> {
  const all: DistributionConfigurationSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const out = await client.send(new ListDistributionConfigurationsCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
    all.push(...(out.distributionConfigurationSummaryList ?? []));
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  return all;
}

export function date(s?: string | Date): string {
  if (!s) return '—';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? String(s) : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function SettingsList() {
  const { client, account, region } = useSession();
  const list = useLoad(() => listAllSettings(client), [client]);
  const [q, setQ] = useState('');
  const rows = (list.data ?? []).filter((s) => `${s.name} ${s.description ?? ''} ${(s.regions ?? []).join(' ')}`.toLowerCase().includes(q.toLowerCase()));
  return (
    <section>
      <header className="page-head">
        <h1>Distribution settings</h1>
        <Link className="button primary" to="/settings/new">
          Create distribution settings
        </Link>
      </header>
      <p className="muted">
        Account {account}, Region {region}.
      </p>
      <label className="search">
        Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name, description or Region" />
      </label>
      {list.loading && !list.data ? <Loading what="distribution settings" /> : null}
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data ? (
        rows.length ? (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Description</th>
                <th>Regions</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.arn}>
                  <td>
                    <Link to={`/settings/${encodeURIComponent(s.name!)}`}>{s.name}</Link>
                  </td>
                  <td>{s.description}</td>
                  <td>{(s.regions ?? []).join(', ')}</td>
                  <td>{date(s.dateCreated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">{q ? 'No settings match.' : 'No distribution settings yet.'}</p>
        )
      ) : null}
    </section>
  );
}
