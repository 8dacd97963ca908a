// Image recipes: the list (search, sort, select, Actions), the detail (parent image, components,
// tags, delete with confirmation) and the create form with pickers for the parent image (Amazon's
// images and the account's AMIs) and the components (the account's and Amazon's). A recipe version
// cannot change (AWS has no UpdateImageRecipe): a change is a new version, made with the form.
import { useState } from 'react';
import {
  CreateImageRecipeCommand,
  DeleteImageRecipeCommand,
  GetImageRecipeCommand,
  ListComponentsCommand,
  ListImageRecipesCommand,
  ListImagesCommand,
  type ImageRecipeSummary,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages } from '../api';
import { Link, navigate } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ErrorBox, Loading } from '../components/Status';
import { type Column } from '../components/Table';
import { ResourceList } from '../components/ResourceList';
import { DeleteMany } from '../components/DeleteMany';
import { Id } from '../components/Id';
import { TagsEditor } from '../components/Tags';
import { FormPage } from '../components/Form';
import { MapField, TextField, TokenField } from '../components/fields';
import { useWorld, type Choice } from '../worldContext';
import { date } from '../format';

type Client = ReturnType<typeof useSession>['client'];
export const recipePath = (arn: string) => `/recipes/${encodeURIComponent(arn)}`;

const COLUMNS: Column<ImageRecipeSummary>[] = [
  { id: 'name', header: 'Name', value: (r) => r.name ?? '', cell: (r) => <Link to={recipePath(r.arn!)}>{r.name}</Link> },
  { id: 'version', header: 'Version', value: (r) => r.arn?.split('/').pop() ?? '' },
  { id: 'platform', header: 'Platform', value: (r) => r.platform ?? '' },
  { id: 'parent', header: 'Parent image', value: (r) => r.parentImage ?? '', cell: (r) => <Id value={r.parentImage} /> },
  { id: 'created', header: 'Created', value: (r) => date(r.dateCreated), className: 'nowrap' },
];

export function listRecipes(client: Client) {
  return allPages(async (nextToken) => {
    const out = await client.send(new ListImageRecipesCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
    return { items: out.imageRecipeSummaryList, nextToken: out.nextToken };
  });
}

export function RecipesList() {
  const { client, region } = useSession();
  const list = useLoad(() => listRecipes(client), [client]);
  return (
    <ResourceList
      title="Image recipes"
      create={{ to: '/recipes/new', label: 'Create image recipe' }}
      loadingWhat="recipes"
      list={list}
      testId="recipes"
      rowKey={(r) => r.arn!}
      rowName={(r) => `${r.name} ${r.arn?.split('/').pop()}`}
      columns={COLUMNS}
      initialSort={{ column: 'name', dir: 'ascending' }}
      empty={`No image recipes in ${region} yet.`}
      actions={[{ label: 'View details', run: ([r]) => navigate(recipePath(r!.arn!)) }]}
      remove={{
        what: 'image recipe',
        arns: (rows) => rows.map((r) => r.arn!),
        run: (arn) => client.send(new DeleteImageRecipeCommand({ imageRecipeArn: arn })),
      }}
    />
  );
}

export function RecipeDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const got = useLoad(async () => (await client.send(new GetImageRecipeCommand({ imageRecipeArn: arn }))).imageRecipe!, [client, arn]);
  const [deleting, setDeleting] = useState(false);
  const crumbs = <Breadcrumbs items={[['Image recipes', '/recipes'], [arn.split('/').slice(1).join(' ')]]} />;
  if (got.loading && !got.data) return <Loading what="recipe" />;
  if (got.error)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the recipe" error={got.error} />
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
        <div className="actions">
          <Link className="button" to={`/recipes/new?from=${encodeURIComponent(arn)}`}>
            Create new version
          </Link>
          <button className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </header>
      <dl className="facts card" data-testid="recipe-facts">
        <dt>ARN</dt>
        <dd>
          <Id value={r.arn} />
        </dd>
        <dt>Description</dt>
        <dd>{r.description || '—'}</dd>
        <dt>Platform</dt>
        <dd>{r.platform}</dd>
        <dt>Parent image</dt>
        <dd>
          <Id value={r.parentImage} />
        </dd>
        <dt>Working directory</dt>
        <dd>{r.workingDirectory ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{date(r.dateCreated)}</dd>
      </dl>
      <section className="card">
        <h2>Components ({r.components?.length ?? 0})</h2>
        <ol data-testid="recipe-components">
          {(r.components ?? []).map((c, i) => (
            <li key={i}>
              {c.componentArn?.split(':').pop()?.startsWith('component/') && c.componentArn.split(':')[4] !== 'aws' ? (
                <Link to={`/components/${encodeURIComponent(c.componentArn)}`}>
                  <Id value={c.componentArn} />
                </Link>
              ) : (
                <Id value={c.componentArn} />
              )}
            </li>
          ))}
        </ol>
      </section>
      <TagsEditor arn={r.arn!} />
      {deleting ? (
        <DeleteMany
          what="image recipe"
          arns={[arn]}
          run={(a) => client.send(new DeleteImageRecipeCommand({ imageRecipeArn: a }))}
          onClose={() => setDeleting(false)}
          onDone={() => navigate('/recipes')}
        />
      ) : null}
    </section>
  );
}

/** Parent images a recipe can start from: Amazon's and the account's own image versions, and AMIs of the account in the Region. */
async function parentChoices(client: Client): Promise<Choice[]> {
  const [amazon, own] = await Promise.all(
    (['Amazon', 'Self'] as const).map((owner) =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListImagesCommand({ owner, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.imageVersionList, nextToken: out.nextToken };
      }).catch(() => []),
    ),
  );
  return [...(amazon ?? []), ...(own ?? [])].map((v) => ({
    value: v.arn!,
    label: `${v.name} ${v.version} (${v.owner === 'Amazon' ? 'Amazon' : 'yours'}, ${v.platform})`,
  }));
}

export async function componentChoices(client: Client): Promise<Choice[]> {
  const lists = await Promise.all(
    (['Self', 'Amazon'] as const).map((owner) =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListComponentsCommand({ owner, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.componentVersionList, nextToken: out.nextToken };
      }).catch(() => []),
    ),
  );
  return lists
    .flat()
    .map((c) => ({ value: c.arn!, label: `${c.name} ${c.version} (${c.owner === 'Amazon' ? 'Amazon' : 'yours'}, ${c.type ?? ''} ${c.platform ?? ''})` }));
}

export function RecipeForm({ from }: { from?: string }) {
  const { client, account, region } = useSession();
  const { world } = useWorld();
  const picks = useLoad(async () => {
    const [parents, components, base] = await Promise.all([
      parentChoices(client),
      componentChoices(client),
      from ? client.send(new GetImageRecipeCommand({ imageRecipeArn: from })).then((o) => o.imageRecipe) : Promise.resolve(undefined),
    ]);
    return { parents, components, base };
  }, [client, from]);
  const [v, setV] = useState<{
    name: string;
    semanticVersion: string;
    description: string;
    parentImage: string;
    components?: string[];
    tags?: Record<string, string>;
    workingDirectory: string;
  }>();
  if (picks.loading && !picks.data) return <Loading what="images and components" />;
  const base = picks.data?.base;
  const value = v ?? {
    name: base?.name ?? '',
    semanticVersion: base?.version ? base.version.replace(/(\d+)$/, (n) => String(Number(n) + 1)) : '1.0.0',
    description: base?.description ?? '',
    parentImage: base?.parentImage ?? '',
    ...(base?.components?.length ? { components: base.components.map((c) => c.componentArn!) } : {}),
    workingDirectory: base?.workingDirectory ?? '',
  };
  const set = (patch: Partial<typeof value>) => setV({ ...value, ...patch });
  const amis: Choice[] = (world?.images ?? [])
    .filter((i) => i.region === region && i.state === 'available' && i.accountId === account)
    .map((i) => ({ value: i.imageId, label: `${i.imageId} — ${i.name}` }));
  return (
    <FormPage
      crumbs={[['Image recipes', '/recipes'], [from ? 'New version' : 'Create']]}
      title={from ? `New version of ${base?.name ?? 'recipe'}` : 'Create image recipe'}
      submitLabel="Create recipe"
      cancelTo="/recipes"
      onSubmit={async () => {
        const out = await client.send(
          new CreateImageRecipeCommand({
            name: value.name,
            semanticVersion: value.semanticVersion,
            parentImage: value.parentImage,
            components: (value.components ?? []).map((componentArn) => ({ componentArn })),
            clientToken: crypto.randomUUID(),
            ...(value.description ? { description: value.description } : {}),
            ...(value.workingDirectory ? { workingDirectory: value.workingDirectory } : {}),
            ...(value.tags ? { tags: value.tags } : {}),
          }),
        );
        navigate(recipePath(out.imageRecipeArn!));
      }}
    >
      <TextField path="name" label="Name" value={value.name} onChange={(x) => set({ name: x })} disabled={Boolean(from)} />
      <TextField
        path="semanticVersion"
        label="Version"
        value={value.semanticVersion}
        onChange={(x) => set({ semanticVersion: x })}
        hint="major.minor.patch, e.g. 1.0.0"
      />
      <TextField path="description" label="Description" value={value.description} onChange={(x) => set({ description: x })} />
      <TextField
        path="parentImage"
        label="Parent image"
        value={value.parentImage}
        onChange={(x) => set({ parentImage: x })}
        options={[...(picks.data?.parents ?? []), ...amis]}
        hint="an image ARN (Amazon's or yours) or an AMI id"
      />
      <TokenField
        path="components"
        label="Components (in order)"
        value={value.components}
        options={picks.data?.components ?? []}
        onChange={(x) => set(x ? { components: x } : { components: [] })}
      />
      <TextField path="workingDirectory" label="Working directory (optional)" value={value.workingDirectory} onChange={(x) => set({ workingDirectory: x })} />
      {from ? null : <MapField path="tags" label="Tags" value={value.tags} onChange={(x) => set(x ? { tags: x } : {})} />}
    </FormPage>
  );
}
