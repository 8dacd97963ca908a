// Distribution settings: the list with search, sort, selection, pages and an Actions menu
// (view, edit, plan, delete with confirmation).
import { date } from '../format';
import { ListDistributionConfigurationsCommand, type DistributionConfigurationSummary } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';
import { type Column } from '../components/Table';
import { ResourceList } from '../components/ResourceList';
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
  return (
    <ResourceList
      title="Distribution settings"
      create={{ to: '/settings/new', label: 'Create distribution settings' }}
      loadingWhat="distribution settings"
      list={list}
      intro={
        <p className="muted">
          Account {account}, Region <span className="nowrap">{region}</span>.
        </p>
      }
      testId="settings"
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
      ]}
      remove={{ arns: (rows) => rows.map((r) => r.arn!), dialog: (arns, onClose, onDone) => <DeleteSettings arns={arns} onClose={onClose} onDone={onDone} /> }}
    />
  );
}
