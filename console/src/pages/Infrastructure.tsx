// Infrastructure configurations: the list, the detail (instance profile and types, network,
// logging, tags, delete with confirmation) and one form to create and to edit (Update is a full
// replacement, as on AWS, so the form sends every field it shows).
import { useState } from 'react';
import {
  CreateInfrastructureConfigurationCommand,
  DeleteInfrastructureConfigurationCommand,
  GetInfrastructureConfigurationCommand,
  ListInfrastructureConfigurationsCommand,
  UpdateInfrastructureConfigurationCommand,
  type InfrastructureConfiguration,
  type InfrastructureConfigurationSummary,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages } from '../api';
import { Link, navigate } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ErrorBox, Loading } from '../components/Status';
import { type Column } from '../components/Table';
import { Id } from '../components/Id';
import { TagsEditor } from '../components/Tags';
import { FormPage } from '../components/Form';
import { CheckField, MapField, TextField, TokenField } from '../components/fields';
import { useWorld } from '../worldContext';
import { DeleteMany } from '../components/DeleteMany';
import { ResourceList } from '../components/ResourceList';
import { date } from '../format';

export const infraPath = (arn: string) => `/infrastructure/${encodeURIComponent(arn)}`;
const INSTANCE_TYPES = ['t3.micro', 't3.small', 't3.medium', 't3.large', 'm5.large', 'm5.xlarge', 'c5.large', 'm6g.large', 'm7i.large'].map((t) => ({
  value: t,
  label: t,
}));

const COLUMNS: Column<InfrastructureConfigurationSummary>[] = [
  { id: 'name', header: 'Name', value: (c) => c.name ?? '', cell: (c) => <Link to={infraPath(c.arn!)}>{c.name}</Link> },
  { id: 'description', header: 'Description', value: (c) => c.description ?? '' },
  { id: 'profile', header: 'Instance profile', value: (c) => c.instanceProfileName ?? '' },
  { id: 'types', header: 'Instance types', value: (c) => (c.instanceTypes ?? []).join(', ') },
  { id: 'created', header: 'Created', value: (c) => date(c.dateCreated), className: 'nowrap' },
];

export function InfrastructureList() {
  const { client, region } = useSession();
  const list = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListInfrastructureConfigurationsCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.infrastructureConfigurationSummaryList, nextToken: out.nextToken };
      }),
    [client],
  );
  return (
    <ResourceList
      title="Infrastructure configurations"
      create={{ to: '/infrastructure/new', label: 'Create infrastructure configuration' }}
      loadingWhat="infrastructure configurations"
      list={list}
      testId="infrastructure"
      rowKey={(c) => c.arn!}
      rowName={(c) => c.name!}
      columns={COLUMNS}
      initialSort={{ column: 'name', dir: 'ascending' }}
      empty={`No infrastructure configurations in ${region} yet.`}
      actions={[
        { label: 'View details', run: ([c]) => navigate(infraPath(c!.arn!)) },
        { label: 'Edit', run: ([c]) => navigate(`${infraPath(c!.arn!)}/edit`) },
      ]}
      remove={{
        what: 'infrastructure configuration',
        arns: (rows) => rows.map((r) => r.arn!),
        run: (arn) => client.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn })),
      }}
    />
  );
}

export function InfrastructureDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const got = useLoad(
    async () => (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }))).infrastructureConfiguration!,
    [client, arn],
  );
  const [deleting, setDeleting] = useState(false);
  const crumbs = <Breadcrumbs items={[['Infrastructure configurations', '/infrastructure'], [arn.split('/').pop() ?? arn]]} />;
  if (got.loading && !got.data) return <Loading what="infrastructure configuration" />;
  if (got.error)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the infrastructure configuration" error={got.error} />
      </>
    );
  const c = got.data!;
  const logs = c.logging?.s3Logs;
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>{c.name}</h1>
        <div className="actions">
          <Link className="button" to={`${infraPath(arn)}/edit`}>
            Edit
          </Link>
          <button className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </header>
      <dl className="facts card" data-testid="infrastructure-facts">
        <dt>ARN</dt>
        <dd>
          <Id value={c.arn} />
        </dd>
        <dt>Description</dt>
        <dd>{c.description || '—'}</dd>
        <dt>Instance profile</dt>
        <dd>{c.instanceProfileName}</dd>
        <dt>Instance types</dt>
        <dd>{(c.instanceTypes ?? []).join(', ') || 'chosen by Image Builder'}</dd>
        <dt>Key pair</dt>
        <dd>{c.keyPair ?? '—'}</dd>
        <dt>Subnet</dt>
        <dd>{c.subnetId ?? '—'}</dd>
        <dt>Security groups</dt>
        <dd>{(c.securityGroupIds ?? []).join(', ') || '—'}</dd>
        <dt>Terminate on failure</dt>
        <dd>{c.terminateInstanceOnFailure === false ? 'no' : 'yes'}</dd>
        <dt>Logs</dt>
        <dd>{logs?.s3BucketName ? `s3://${logs.s3BucketName}/${logs.s3KeyPrefix ?? ''}` : '—'}</dd>
        <dt>Created</dt>
        <dd>{date(c.dateCreated)}</dd>
        <dt>Updated</dt>
        <dd>{date(c.dateUpdated)}</dd>
      </dl>
      <TagsEditor arn={c.arn!} />
      {deleting ? (
        <DeleteMany
          what="infrastructure configuration"
          arns={[arn]}
          run={(a) => client.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: a }))}
          onClose={() => setDeleting(false)}
          onDone={() => navigate('/infrastructure')}
        />
      ) : null}
    </section>
  );
}

type Draft = {
  name: string;
  description: string;
  instanceProfileName: string;
  instanceTypes?: string[];
  keyPair: string;
  subnetId: string;
  securityGroupIds?: string[];
  terminateInstanceOnFailure: boolean;
  bucket: string;
  prefix: string;
  tags?: Record<string, string>;
};

function draftOf(c?: InfrastructureConfiguration): Draft {
  return {
    name: c?.name ?? '',
    description: c?.description ?? '',
    instanceProfileName: c?.instanceProfileName ?? 'EC2InstanceProfileForImageBuilder',
    ...(c?.instanceTypes?.length ? { instanceTypes: c.instanceTypes } : {}),
    keyPair: c?.keyPair ?? '',
    subnetId: c?.subnetId ?? '',
    ...(c?.securityGroupIds?.length ? { securityGroupIds: c.securityGroupIds } : {}),
    terminateInstanceOnFailure: c?.terminateInstanceOnFailure ?? true,
    bucket: c?.logging?.s3Logs?.s3BucketName ?? '',
    prefix: c?.logging?.s3Logs?.s3KeyPrefix ?? '',
  };
}

export function InfrastructureForm({ arn }: { arn?: string }) {
  const { client, account } = useSession();
  const { world } = useWorld();
  const existing = useLoad(
    async () =>
      arn ? (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }))).infrastructureConfiguration : undefined,
    [client, arn],
  );
  const [v, setV] = useState<Draft>();
  if (existing.loading && !existing.data && arn) return <Loading what="infrastructure configuration" />;
  if (existing.error) return <ErrorBox error={existing.error} />;
  const d = v ?? draftOf(existing.data);
  const set = (patch: Partial<Draft>) => setV({ ...d, ...patch });
  const body = {
    instanceProfileName: d.instanceProfileName,
    ...(d.description ? { description: d.description } : {}),
    ...(d.instanceTypes?.length ? { instanceTypes: d.instanceTypes } : {}),
    ...(d.keyPair ? { keyPair: d.keyPair } : {}),
    ...(d.subnetId ? { subnetId: d.subnetId } : {}),
    ...(d.securityGroupIds?.length ? { securityGroupIds: d.securityGroupIds } : {}),
    terminateInstanceOnFailure: d.terminateInstanceOnFailure,
    ...(d.bucket ? { logging: { s3Logs: { s3BucketName: d.bucket, ...(d.prefix ? { s3KeyPrefix: d.prefix } : {}) } } } : {}),
    clientToken: crypto.randomUUID(),
  };
  return (
    <FormPage
      crumbs={[
        ['Infrastructure configurations', '/infrastructure'],
        ...(arn ? ([[d.name, infraPath(arn)], ['Edit']] as [string, string?][]) : [['Create'] as [string]]),
      ]}
      title={arn ? `Edit ${d.name}` : 'Create infrastructure configuration'}
      submitLabel={arn ? 'Save changes' : 'Create infrastructure configuration'}
      cancelTo={arn ? infraPath(arn) : '/infrastructure'}
      onSubmit={async () => {
        if (arn) {
          await client.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn, ...body }));
          navigate(infraPath(arn));
        } else {
          const out = await client.send(new CreateInfrastructureConfigurationCommand({ name: d.name, ...body, ...(d.tags ? { tags: d.tags } : {}) }));
          navigate(infraPath(out.infrastructureConfigurationArn!));
        }
      }}
    >
      <TextField path="name" label="Name" value={d.name} onChange={(x) => set({ name: x })} disabled={Boolean(arn)} />
      <TextField path="description" label="Description" value={d.description} onChange={(x) => set({ description: x })} />
      <TextField
        path="instanceProfileName"
        label="Instance profile"
        value={d.instanceProfileName}
        onChange={(x) => set({ instanceProfileName: x })}
        hint="the IAM instance profile the build instance runs with"
      />
      <TokenField
        path="instanceTypes"
        label="Instance types"
        value={d.instanceTypes}
        options={INSTANCE_TYPES}
        onChange={(x) => set(x ? { instanceTypes: x } : { instanceTypes: [] })}
        hint="empty: Image Builder chooses"
      />
      <TextField path="keyPair" label="Key pair (optional)" value={d.keyPair} onChange={(x) => set({ keyPair: x })} />
      <TextField path="subnetId" label="Subnet (optional)" value={d.subnetId} onChange={(x) => set({ subnetId: x })} placeholder="subnet-…" />
      <TokenField
        path="securityGroupIds"
        label="Security groups (optional)"
        value={d.securityGroupIds}
        options={[]}
        onChange={(x) => set(x ? { securityGroupIds: x } : { securityGroupIds: [] })}
      />
      <CheckField
        path="terminateInstanceOnFailure"
        label="Terminate the instance when a build fails"
        value={d.terminateInstanceOnFailure}
        onChange={(x) => set({ terminateInstanceOnFailure: x })}
      />
      <TextField
        path="logging.s3Logs.s3BucketName"
        label="Log bucket (optional)"
        value={d.bucket}
        options={(world?.s3Buckets ?? []).filter((b) => b.accountId === account).map((b) => ({ value: b.name, label: `${b.name} (${b.region})` }))}
        onChange={(x) => set({ bucket: x })}
      />
      <TextField path="logging.s3Logs.s3KeyPrefix" label="Log prefix (optional)" value={d.prefix} onChange={(x) => set({ prefix: x })} />
      {arn ? null : <MapField path="tags" label="Tags" value={d.tags} onChange={(x) => set(x ? { tags: x } : {})} />}
    </FormPage>
  );
}
