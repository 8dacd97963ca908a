// Container recipes: the list, the detail (parent image, target ECR repository, components in
// order, the Dockerfile template, tags, delete with confirmation) and the create form with pickers
// for the components (the account's and Amazon's) and the target repository (the account's ECR
// repositories in the Region, from the world). A container recipe version cannot change either.
import { useState } from 'react';
import {
  CreateContainerRecipeCommand,
  DeleteContainerRecipeCommand,
  GetContainerRecipeCommand,
  ListContainerRecipesCommand,
  type ContainerRecipeSummary,
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
import { MapField, SelectField, TextField, TokenField } from '../components/fields';
import { inAccountRegion, useWorld } from '../worldContext';
import { componentChoices } from './Recipes';
import { DeleteMany } from '../components/DeleteMany';
import { ResourceList } from '../components/ResourceList';
import { date } from '../format';

export const containerRecipePath = (arn: string) => `/container-recipes/${encodeURIComponent(arn)}`;

const COLUMNS: Column<ContainerRecipeSummary>[] = [
  { id: 'name', header: 'Name', value: (r) => r.name ?? '', cell: (r) => <Link to={containerRecipePath(r.arn!)}>{r.name}</Link> },
  { id: 'version', header: 'Version', value: (r) => r.arn?.split('/').pop() ?? '' },
  { id: 'type', header: 'Type', value: (r) => `${r.containerType ?? ''} · ${r.platform ?? ''}` },
  { id: 'parent', header: 'Parent image', value: (r) => r.parentImage ?? '', cell: (r) => <Id value={r.parentImage} /> },
  { id: 'created', header: 'Created', value: (r) => date(r.dateCreated), className: 'nowrap' },
];

export function ContainerRecipesList() {
  const { client, region } = useSession();
  const list = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListContainerRecipesCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.containerRecipeSummaryList, nextToken: out.nextToken };
      }),
    [client],
  );
  return (
    <ResourceList
      title="Container recipes"
      create={{ to: '/container-recipes/new', label: 'Create container recipe' }}
      loadingWhat="container recipes"
      list={list}
      testId="container-recipes"
      rowKey={(r) => r.arn!}
      rowName={(r) => `${r.name} ${r.arn?.split('/').pop()}`}
      columns={COLUMNS}
      initialSort={{ column: 'name', dir: 'ascending' }}
      empty={`No container recipes in ${region} yet.`}
      actions={[{ label: 'View details', run: ([r]) => navigate(containerRecipePath(r!.arn!)) }]}
      remove={{
        what: 'container recipe',
        arns: (rows) => rows.map((r) => r.arn!),
        run: (arn) => client.send(new DeleteContainerRecipeCommand({ containerRecipeArn: arn })),
      }}
    />
  );
}

export function ContainerRecipeDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const got = useLoad(async () => (await client.send(new GetContainerRecipeCommand({ containerRecipeArn: arn }))).containerRecipe!, [client, arn]);
  const [deleting, setDeleting] = useState(false);
  const crumbs = <Breadcrumbs items={[['Container recipes', '/container-recipes'], [arn.split('/').slice(1).join(' ')]]} />;
  if (got.loading && !got.data) return <Loading what="container recipe" />;
  if (got.error)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the container recipe" error={got.error} />
      </>
    );
  const r = got.data!;
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>
          {r.name} {r.version}
        </h1>
        <button className="danger" onClick={() => setDeleting(true)}>
          Delete
        </button>
      </header>
      <dl className="facts card" data-testid="container-recipe-facts">
        <dt>ARN</dt>
        <dd>
          <Id value={r.arn} />
        </dd>
        <dt>Description</dt>
        <dd>{r.description || '—'}</dd>
        <dt>Type</dt>
        <dd>
          {r.containerType} · {r.platform}
        </dd>
        <dt>Parent image</dt>
        <dd>
          <Id value={r.parentImage} />
        </dd>
        <dt>Target repository</dt>
        <dd data-testid="container-recipe-target">
          {r.targetRepository?.service} {r.targetRepository?.repositoryName}
        </dd>
        <dt>Working directory</dt>
        <dd>{r.workingDirectory ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{date(r.dateCreated)}</dd>
      </dl>
      <section className="card">
        <h2>Components ({r.components?.length ?? 0})</h2>
        <ol data-testid="container-recipe-components">
          {(r.components ?? []).map((c, i) => (
            <li key={i}>
              <Id value={c.componentArn} />
            </li>
          ))}
        </ol>
      </section>
      <section className="card">
        <h2>Dockerfile template</h2>
        <pre className="json" tabIndex={0} data-testid="container-recipe-dockerfile">
          {r.dockerfileTemplateData ?? '—'}
        </pre>
      </section>
      <TagsEditor arn={r.arn!} />
      {deleting ? (
        <DeleteMany
          what="container recipe"
          arns={[arn]}
          run={(a) => client.send(new DeleteContainerRecipeCommand({ containerRecipeArn: a }))}
          onClose={() => setDeleting(false)}
          onDone={() => navigate('/container-recipes')}
        />
      ) : null}
    </section>
  );
}

const DOCKERFILE = 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n';

export function ContainerRecipeForm() {
  const { client, account, region } = useSession();
  const { world } = useWorld();
  const components = useLoad(() => componentChoices(client), [client]);
  const [v, setV] = useState({
    name: '',
    semanticVersion: '1.0.0',
    description: '',
    parentImage: 'amazonlinux:latest',
    repositoryName: '',
    components: undefined as string[] | undefined,
    dockerfileTemplateData: DOCKERFILE,
    platformOverride: 'Linux',
    tags: undefined as Record<string, string> | undefined,
  });
  const repos = inAccountRegion(world?.ecrRepositories, account, region).map((r) => ({ value: r.repositoryName, label: r.repositoryUri ?? r.repositoryName }));
  return (
    <FormPage
      crumbs={[['Container recipes', '/container-recipes'], ['Create']]}
      title="Create container recipe"
      submitLabel="Create container recipe"
      cancelTo="/container-recipes"
      onSubmit={async () => {
        const out = await client.send(
          new CreateContainerRecipeCommand({
            name: v.name,
            semanticVersion: v.semanticVersion,
            containerType: 'DOCKER',
            parentImage: v.parentImage,
            targetRepository: { service: 'ECR', repositoryName: v.repositoryName },
            components: (v.components ?? []).map((componentArn) => ({ componentArn })),
            dockerfileTemplateData: v.dockerfileTemplateData,
            platformOverride: v.platformOverride as 'Linux',
            clientToken: crypto.randomUUID(),
            ...(v.description ? { description: v.description } : {}),
            ...(v.tags ? { tags: v.tags } : {}),
          }),
        );
        navigate(containerRecipePath(out.containerRecipeArn!));
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
      <TextField path="description" label="Description" value={v.description} onChange={(x) => setV({ ...v, description: x })} />
      <TextField
        path="parentImage"
        label="Parent image"
        value={v.parentImage}
        onChange={(x) => setV({ ...v, parentImage: x })}
        hint="a container image (amazonlinux:latest) or an image ARN"
      />
      <SelectField
        path="platformOverride"
        label="Platform"
        value={v.platformOverride}
        options={['Linux', 'Windows']}
        onChange={(x) => setV({ ...v, platformOverride: x })}
      />
      <TextField
        path="targetRepository.repositoryName"
        label="Target ECR repository"
        value={v.repositoryName}
        options={repos}
        onChange={(x) => setV({ ...v, repositoryName: x })}
        hint="a repository of this account in this Region"
      />
      <TokenField
        path="components"
        label="Components (in order)"
        value={v.components}
        options={components.data ?? []}
        onChange={(x) => setV({ ...v, components: x })}
      />
      <TextField
        path="dockerfileTemplateData"
        label="Dockerfile template"
        multiline
        value={v.dockerfileTemplateData}
        onChange={(x) => setV({ ...v, dockerfileTemplateData: x })}
      />
      <MapField path="tags" label="Tags" value={v.tags} onChange={(x) => setV({ ...v, tags: x })} />
    </FormPage>
  );
}
