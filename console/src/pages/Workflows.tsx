// Workflows: the list (the account's, or Amazon's managed ones), the detail (parameters, the YAML
// document, build versions, tags (editable on the account's own builds), delete with confirmation) and the create form (name, version,
// type and the YAML document — CreateWorkflow).
import { useState } from 'react';
import {
  CreateWorkflowCommand,
  DeleteWorkflowCommand,
  GetWorkflowCommand,
  ListWorkflowBuildVersionsCommand,
  ListWorkflowsCommand,
  type WorkflowVersion,
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
import { MapField, SelectField, TextField } from '../components/fields';
import { DeleteMany } from '../components/DeleteMany';
import { OwnerFilter, ResourceList, useOwnedList } from '../components/ResourceList';
import { date } from '../format';

export const workflowPath = (arn: string) => `/workflows/${encodeURIComponent(arn)}`;

type Client = ReturnType<typeof useSession>['client'];

/** DeleteWorkflow names a build version (…/x.y.z/n): a version ARN resolves through GetWorkflow. */
async function deleteWorkflow(client: Client, arn: string): Promise<void> {
  const build = /\/\d+\.\d+\.\d+\/\d+$/.test(arn) ? arn : (await client.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn }))).workflow!.arn!;
  await client.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: build }));
}

const COLUMNS: Column<WorkflowVersion>[] = [
  { id: 'name', header: 'Name', value: (w) => w.name ?? '', cell: (w) => <Link to={workflowPath(w.arn!)}>{w.name}</Link> },
  { id: 'version', header: 'Version', value: (w) => w.version ?? '' },
  { id: 'type', header: 'Type', value: (w) => w.type ?? '' },
  { id: 'description', header: 'Description', value: (w) => w.description ?? '' },
  { id: 'created', header: 'Created', value: (w) => date(w.dateCreated), className: 'nowrap' },
];

export function WorkflowsList() {
  const { client, region } = useSession();
  const { owner, setOwner, list } = useOwnedList(async (c, o, nextToken) => {
    const out = await c.send(new ListWorkflowsCommand({ owner: o, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
    return { items: out.workflowVersionList, nextToken: out.nextToken };
  });
  return (
    <ResourceList
      title="Workflows"
      create={{ to: '/workflows/new', label: 'Create workflow' }}
      loadingWhat="workflows"
      list={list}
      intro={<OwnerFilter id="workflow-owner" owner={owner} onChange={setOwner} />}
      tableKey={owner}
      testId="workflows"
      rowKey={(w) => w.arn!}
      rowName={(w) => `${w.name} ${w.version}`}
      columns={COLUMNS}
      initialSort={{ column: 'name', dir: 'ascending' }}
      empty={owner === 'Self' ? `No workflows of yours in ${region} yet.` : 'No Amazon-managed workflows.'}
      actions={[{ label: 'View details', run: ([w]) => navigate(workflowPath(w!.arn!)) }]}
      // Amazon's workflows can be read, not deleted.
      {...(owner === 'Self'
        ? { remove: { what: 'workflow', arns: (rows: WorkflowVersion[]) => rows.map((r) => r.arn!), run: (arn: string) => deleteWorkflow(client, arn) } }
        : {})}
    />
  );
}

export function WorkflowDetail({ arn }: { arn: string }) {
  const { client, account } = useSession();
  const got = useLoad(async () => (await client.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn }))).workflow!, [client, arn]);
  const versionArn = arn.replace(/(\/\d+\.\d+\.\d+)\/\d+$/, '$1');
  const builds = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(
          new ListWorkflowBuildVersionsCommand({ workflowVersionArn: versionArn, maxResults: 25, ...(nextToken ? { nextToken } : {}) }),
        );
        return { items: out.workflowSummaryList, nextToken: out.nextToken };
      }),
    [client, versionArn],
  );
  const [deleting, setDeleting] = useState(false);
  const crumbs = <Breadcrumbs items={[['Workflows', '/workflows'], [arn.split('/').slice(1, 4).join(' ')]]} />;
  if (got.loading && !got.data) return <Loading what="workflow" />;
  if (got.error)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the workflow" error={got.error} />
      </>
    );
  const w = got.data!;
  // Amazon's managed workflows are read-only; only the owner may delete or tag.
  const own = w.arn?.split(':')[4] === account;
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>
          {w.name} {w.version}
        </h1>
        {own ? (
          <button className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        ) : null}
      </header>
      <dl className="facts card" data-testid="workflow-facts">
        <dt>ARN</dt>
        <dd>
          <Id value={w.arn} />
        </dd>
        <dt>Type</dt>
        <dd>{w.type}</dd>
        <dt>Status</dt>
        <dd>{w.state?.status ?? '—'}</dd>
        <dt>Description</dt>
        <dd>{w.description || '—'}</dd>
        <dt>Change</dt>
        <dd>{w.changeDescription || '—'}</dd>
        <dt>Owner</dt>
        <dd>{w.owner}</dd>
        <dt>Created</dt>
        <dd>{date(w.dateCreated)}</dd>
        {w.kmsKeyId ? (
          <>
            <dt>KMS key</dt>
            <dd>
              <Id value={w.kmsKeyId} />
            </dd>
          </>
        ) : null}
      </dl>
      <section className="card">
        <h2>Parameters</h2>
        {w.parameters?.length ? (
          <div className="table-wrap" tabIndex={0}>
            <table data-testid="workflow-parameters">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Default</th>
                  <th>Description</th>
                </tr>
              </thead>
              <tbody>
                {w.parameters.map((p) => (
                  <tr key={p.name}>
                    <td className="nowrap">{p.name}</td>
                    <td>{p.type}</td>
                    <td>{p.defaultValue?.join(', ') ?? '—'}</td>
                    <td>{p.description ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">The workflow takes no parameters.</p>
        )}
      </section>
      <section className="card">
        <h2>Document</h2>
        <pre className="json" tabIndex={0} data-testid="workflow-document">
          {w.data ?? '—'}
        </pre>
      </section>
      {builds.data && builds.data.length > 1 ? (
        <section className="card">
          <h2>Build versions</h2>
          <ul className="plain">
            {builds.data.map((b) => (
              <li key={b.arn}>
                <Link to={workflowPath(b.arn!)}>{b.arn!.split('/').slice(-2).join('/')}</Link> · {date(b.dateCreated)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {/* The account's own builds are tagged on their build ARN; Amazon's managed workflows are not
          the caller's to tag (TagResource answers 404), so there is nothing to edit. */}
      {own ? (
        <TagsEditor arn={w.arn!} />
      ) : (
        <section className="card">
          <h2>Tags</h2>
          <p className="empty">Managed by Amazon: no tags of yours.</p>
        </section>
      )}
      {deleting ? (
        <DeleteMany
          what="workflow"
          arns={[w.arn!]}
          run={(a) => deleteWorkflow(client, a)}
          onClose={() => setDeleting(false)}
          onDone={() => navigate('/workflows')}
        />
      ) : null}
    </section>
  );
}

/** A DISTRIBUTION workflow with an approval gate: a first Region, a wait, then the rest. */
const TEMPLATE = `name: gated-distribution
description: Distribute to a canary Region, wait for approval, then distribute to the rest
schemaVersion: 1.0
steps:
  - name: DistributeCanary
    action: DistributeImage
    onFailure: Abort
    inputs:
      distributions:
        - region: us-west-2
          name: "canary {{ imagebuilder:buildDate }}"
  - name: WaitForApproval
    action: WaitForAction
    onFailure: Abort
  - name: DistributeRest
    action: DistributeImage
    inputs:
      distributions:
        - region: eu-west-1
          name: "rest {{ imagebuilder:buildDate }}"
`;

export function WorkflowForm() {
  const { client } = useSession();
  const [v, setV] = useState({
    name: '',
    semanticVersion: '1.0.0',
    type: 'DISTRIBUTION',
    description: '',
    changeDescription: '',
    data: TEMPLATE,
    tags: undefined as Record<string, string> | undefined,
  });
  return (
    <FormPage
      crumbs={[['Workflows', '/workflows'], ['Create']]}
      title="Create workflow"
      submitLabel="Create workflow"
      cancelTo="/workflows"
      onSubmit={async () => {
        const out = await client.send(
          new CreateWorkflowCommand({
            name: v.name,
            semanticVersion: v.semanticVersion,
            type: v.type as 'DISTRIBUTION',
            data: v.data,
            clientToken: crypto.randomUUID(),
            ...(v.description ? { description: v.description } : {}),
            ...(v.changeDescription ? { changeDescription: v.changeDescription } : {}),
            ...(v.tags ? { tags: v.tags } : {}),
          }),
        );
        navigate(workflowPath(out.workflowBuildVersionArn!));
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
      <SelectField path="type" label="Type" value={v.type} options={['BUILD', 'TEST', 'DISTRIBUTION']} onChange={(x) => setV({ ...v, type: x })} />
      <TextField path="description" label="Description" value={v.description} onChange={(x) => setV({ ...v, description: x })} />
      <TextField path="changeDescription" label="Change description" value={v.changeDescription} onChange={(x) => setV({ ...v, changeDescription: x })} />
      <TextField
        path="data"
        label="Document (YAML)"
        multiline
        value={v.data}
        onChange={(x) => setV({ ...v, data: x })}
        hint="the workflow document: parameters and steps with their actions"
      />
      <MapField path="tags" label="Tags" value={v.tags} onChange={(x) => setV({ ...v, tags: x })} />
    </FormPage>
  );
}
