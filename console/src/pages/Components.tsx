// Components: the list (the account's, or Amazon's), the detail (versions, document, tags,
// delete with confirmation) and the create form (name, version, platform, the YAML document).
import { useState } from 'react';
import {
  CreateComponentCommand,
  DeleteComponentCommand,
  GetComponentCommand,
  ListComponentsCommand,
  type ComponentVersion,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ErrorBox, Loading } from '../components/Status';
import { type Column } from '../components/Table';
import { Id } from '../components/Id';
import { TagsEditor } from '../components/Tags';
import { FormPage } from '../components/Form';
import { MapField, SelectField, TextField } from '../components/fields';
import { DeleteMany } from '../components/DeleteMany';
import { OwnerFilter, ResourceList, useOwnedList } from '../components/ResourceList';
import { date } from '../format';

export const componentPath = (arn: string) => `/components/${encodeURIComponent(arn)}`;

const COLUMNS: Column<ComponentVersion>[] = [
  {
    id: 'name',
    header: 'Name',
    value: (c) => c.name ?? '',
    cell: (c) => (c.owner === 'Amazon' ? <>{c.name}</> : <Link to={componentPath(c.arn!)}>{c.name}</Link>),
  },
  { id: 'version', header: 'Version', value: (c) => c.version ?? '' },
  { id: 'type', header: 'Type', value: (c) => c.type ?? '' },
  { id: 'platform', header: 'Platform', value: (c) => c.platform ?? '' },
  { id: 'created', header: 'Created', value: (c) => date(c.dateCreated), className: 'nowrap' },
];

export function ComponentsList() {
  const { client, region } = useSession();
  const { owner, setOwner, list } = useOwnedList(async (c, o, nextToken) => {
    const out = await c.send(new ListComponentsCommand({ owner: o, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
    return { items: out.componentVersionList, nextToken: out.nextToken };
  });
  return (
    <ResourceList
      title="Components"
      create={{ to: '/components/new', label: 'Create component' }}
      loadingWhat="components"
      list={list}
      intro={<OwnerFilter id="component-owner" owner={owner} onChange={setOwner} />}
      tableKey={owner}
      testId="components"
      rowKey={(c) => c.arn!}
      rowName={(c) => `${c.name} ${c.version}`}
      columns={COLUMNS}
      initialSort={{ column: 'name', dir: 'ascending' }}
      empty={owner === 'Self' ? `No components of yours in ${region} yet.` : 'No Amazon-managed components.'}
      // Amazon's components are read-only: no actions (and no selection) on them.
      actions={owner === 'Self' ? [{ label: 'View details', run: ([c]) => navigate(componentPath(c!.arn!)) }] : []}
      {...(owner === 'Self'
        ? {
            remove: {
              what: 'component',
              arns: (rows: ComponentVersion[]) => rows.map((r) => `${r.arn}/1`),
              run: (arn: string) => client.send(new DeleteComponentCommand({ componentBuildVersionArn: arn })),
            },
          }
        : {})}
    />
  );
}

export function ComponentDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const got = useLoad(async () => (await client.send(new GetComponentCommand({ componentBuildVersionArn: arn }))).component!, [client, arn]);
  const [deleting, setDeleting] = useState(false);
  const crumbs = <Breadcrumbs items={[['Components', '/components'], [arn.split('/').slice(1).join(' ')]]} />;
  if (got.loading && !got.data) return <Loading what="component" />;
  if (got.error)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the component" error={got.error} />
      </>
    );
  const c = got.data!;
  // Deleting names a build version (…/x.y.z/n); a version ARN resolves to its first build.
  const buildArn = /\/\d+\.\d+\.\d+\/\d+$/.test(c.arn ?? '') ? c.arn! : `${c.arn}/1`;
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>
          {c.name} {c.version}
        </h1>
        <button className="danger" onClick={() => setDeleting(true)}>
          Delete
        </button>
      </header>
      <dl className="facts card" data-testid="component-facts">
        <dt>ARN</dt>
        <dd>
          <Id value={c.arn} />
        </dd>
        <dt>Description</dt>
        <dd>{c.description || '—'}</dd>
        <dt>Type</dt>
        <dd>{c.type}</dd>
        <dt>Platform</dt>
        <dd>{c.platform}</dd>
        <dt>Change</dt>
        <dd>{c.changeDescription || '—'}</dd>
        <dt>Created</dt>
        <dd>{date(c.dateCreated)}</dd>
      </dl>
      <section className="card">
        <h2>Document</h2>
        <pre className="json" tabIndex={0}>
          {c.data ?? '—'}
        </pre>
      </section>
      <TagsEditor arn={c.arn!} />
      {deleting ? (
        <DeleteMany
          what="component"
          arns={[buildArn]}
          run={(a) => client.send(new DeleteComponentCommand({ componentBuildVersionArn: a }))}
          onClose={() => setDeleting(false)}
          onDone={() => navigate('/components')}
        />
      ) : null}
    </section>
  );
}

const TEMPLATE = `name: hello
description: Says hello during the build
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Hello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
`;

export function ComponentForm() {
  const { client } = useSession();
  const [v, setV] = useState({
    name: '',
    semanticVersion: '1.0.0',
    platform: 'Linux',
    description: '',
    changeDescription: '',
    data: TEMPLATE,
    tags: undefined as Record<string, string> | undefined,
  });
  return (
    <FormPage
      crumbs={[['Components', '/components'], ['Create']]}
      title="Create component"
      submitLabel="Create component"
      cancelTo="/components"
      onSubmit={async () => {
        const out = await client.send(
          new CreateComponentCommand({
            name: v.name,
            semanticVersion: v.semanticVersion,
            platform: v.platform as 'Linux',
            data: v.data,
            clientToken: crypto.randomUUID(),
            ...(v.description ? { description: v.description } : {}),
            ...(v.changeDescription ? { changeDescription: v.changeDescription } : {}),
            ...(v.tags ? { tags: v.tags } : {}),
          }),
        );
        navigate(componentPath(out.componentBuildVersionArn!));
      }}
    >
      <TextField path="name" label="Name" value={v.name} onChange={(x) => setV({ ...v, name: x })} />
      <TextField
        path="semanticVersion"
        label="Version"
        value={v.semanticVersion}
        onChange={(x) => setV({ ...v, semanticVersion: x })}
        hint="major.minor.patch, e.g. 1.0.0"
      />
      <SelectField path="platform" label="Platform" value={v.platform} options={['Linux', 'Windows', 'macOS']} onChange={(x) => setV({ ...v, platform: x })} />
      <TextField path="description" label="Description" value={v.description} onChange={(x) => setV({ ...v, description: x })} />
      <TextField path="changeDescription" label="Change description" value={v.changeDescription} onChange={(x) => setV({ ...v, changeDescription: x })} />
      <TextField
        path="data"
        label="Document (YAML)"
        multiline
        value={v.data}
        onChange={(x) => setV({ ...v, data: x })}
        hint="the component document: phases, steps and their actions"
      />
      <MapField path="tags" label="Tags" value={v.tags} onChange={(x) => setV({ ...v, tags: x })} />
    </FormPage>
  );
}
