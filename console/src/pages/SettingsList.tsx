// Distribution settings: the list with search, sort, selection, pages and an Actions menu
// (view, edit, plan, delete with confirmation).
import { useState } from 'react';
import { ListDistributionConfigurationsCommand, type DistributionConfigurationSummary } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ResourceTable, type Column } from '../components/Table';
import { DeleteSettings } from './SettingsDelete';

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

const settingsPath = (name: string) => `/settings/${encodeURIComponent(name)}`;

const COLUMNS: Column<DistributionConfigurationSummary>[] = [
  { id: 'name', header: 'Name', value: (s) => s.name ?? '', cell: (s) => <Link to={settingsPath(s.name!)}>{s.name}</Link> },
  { id: 'description', header: 'Description', value: (s) => s.description ?? '' },
  { id: 'regions', header: 'Regions', value: (s) => (s.regions ?? []).join(', ') },
  { id: 'created', header: 'Created', value: (s) => date(s.dateCreated), className: 'nowrap' },
];

export function SettingsList() {
  const { client, account, region } = useSession();
  const list = useLoad(() => listAllSettings(client), [client]);
  const [deleting, setDeleting] = useState<string[]>();
  return (
    <section>
      <Breadcrumbs items={[['Image Builder', '/settings'], ['Distribution settings']]} />
      <header className="page-head">
        <h1>Distribution settings</h1>
        <Link className="button primary" to="/settings/new">
          Create distribution settings
        </Link>
      </header>
      <p className="muted">
        Account {account}, Region <span className="nowrap">{region}</span>.
      </p>
      {list.loading && !list.data ? <Loading what="distribution settings" /> : null}
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data ? (
        <ResourceTable
          label="Distribution settings"
          testId="settings"
          rows={list.data}
          rowKey={(s) => s.arn!}
          rowName={(s) => s.name!}
          columns={COLUMNS}
          initialSort={{ column: 'name', dir: 'ascending' }}
          searchPlaceholder="Search by name, description or Region"
          empty={`No distribution settings in ${region} yet: create some with the button above.`}
          actions={[
            { label: 'View details', run: ([s]) => navigate(settingsPath(s!.name!)) },
            { label: 'Edit', run: ([s]) => navigate(`${settingsPath(s!.name!)}/edit`) },
            { label: 'Plan a distribution', run: ([s]) => navigate(`/plan?settings=${encodeURIComponent(s!.arn!)}`) },
            { label: 'Delete', danger: true, enabled: (rows) => rows.length > 0, run: (rows) => setDeleting(rows.map((r) => r.arn!)) },
          ]}
        />
      ) : null}
      {deleting ? (
        <DeleteSettings
          arns={deleting}
          onClose={() => setDeleting(undefined)}
          onDone={() => {
            setDeleting(undefined);
            list.reload();
          }}
        />
      ) : null}
    </section>
  );
}
