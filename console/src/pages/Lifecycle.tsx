// Lifecycle policies: the list, the detail (selection, rules, what the next run would touch,
// executions, run now, tags, delete with confirmation) and the create/edit form (edit is a full
// replacement, as UpdateLifecyclePolicy is; the name cannot change). Each execution lists the
// resources it touched.
import { Fragment, useState } from 'react';
import {
  CreateLifecyclePolicyCommand,
  DeleteLifecyclePolicyCommand,
  GetLifecyclePolicyCommand,
  ListImageRecipesCommand,
  ListLifecycleExecutionsCommand,
  ListLifecyclePoliciesCommand,
  UpdateLifecyclePolicyCommand,
  type LifecyclePolicyDetail,
  type LifecyclePolicyDetailExclusionRules,
  type LifecyclePolicyResourceSelection,
  type LifecyclePolicySummary,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { admin, allPages, errorText } from '../api';
import { Link, navigate } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ErrorBox, Loading } from '../components/Status';
import { type Column } from '../components/Table';
import { Id, Words } from '../components/Id';
import { ResourceList } from '../components/ResourceList';
import { TagsEditor } from '../components/Tags';
import { FormPage } from '../components/Form';
import { CheckField, ListField, MapField, NumberField, SelectField, TextField } from '../components/fields';
import { ConfirmDialog } from '../components/Dialog';
import { useWorld, regionChoices } from '../worldContext';
import { LifecyclePreviewPanel } from './LifecyclePreview';
import { ExecutionResources } from '../components/LifecycleResources';

export const lifecyclePath = (arn: string) => `/lifecycle/${encodeURIComponent(arn)}`;

/** Lifecycle dates are timestamps (Date in the SDK), unlike the ISO strings of other resources. */
const when = (d: Date | undefined) =>
  d
    ? d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
    : '—';

const COLUMNS: Column<LifecyclePolicySummary>[] = [
  { id: 'name', header: 'Name', value: (p) => p.name ?? '', cell: (p) => <Link to={lifecyclePath(p.arn!)}>{p.name}</Link> },
  { id: 'status', header: 'Status', value: (p) => p.status ?? '' },
  { id: 'type', header: 'Resource type', value: (p) => p.resourceType ?? '' },
  { id: 'lastRun', header: 'Last run', value: (p) => when(p.dateLastRun), className: 'nowrap' },
  { id: 'created', header: 'Created', value: (p) => when(p.dateCreated), className: 'nowrap' },
];

export function LifecycleList() {
  const { client, region } = useSession();
  const list = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListLifecyclePoliciesCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.lifecyclePolicySummaryList, nextToken: out.nextToken };
      }),
    [client],
  );
  return (
    <ResourceList
      title="Lifecycle policies"
      create={{ to: '/lifecycle/new', label: 'Create lifecycle policy' }}
      loadingWhat="lifecycle policies"
      list={list}
      testId="lifecycle-policies"
      rowKey={(p) => p.arn!}
      rowName={(p) => p.name ?? ''}
      columns={COLUMNS}
      initialSort={{ column: 'name', dir: 'ascending' }}
      empty={`No lifecycle policies in ${region} yet.`}
      actions={[
        { label: 'View details', run: ([p]) => navigate(lifecyclePath(p!.arn!)) },
        { label: 'Edit', run: ([p]) => navigate(`${lifecyclePath(p!.arn!)}/edit`) },
      ]}
      remove={{ arns: (rows) => rows.map((r) => r.arn!), dialog: (arns, onClose, onDone) => <DeletePolicies arns={arns} onClose={onClose} onDone={onDone} /> }}
    />
  );
}

function DeletePolicies({ arns, onClose, onDone }: { arns: string[]; onClose(): void; onDone(): void }) {
  const { client } = useSession();
  return (
    <ConfirmDialog
      title={arns.length === 1 ? `Delete lifecycle policy ${arns[0]!.split('/').pop()}?` : `Delete ${arns.length} lifecycle policies?`}
      confirmLabel="Delete"
      onClose={onClose}
      onConfirm={async () => {
        for (const a of arns) await client.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn: a }));
        onDone();
      }}
    >
      <p>Scheduled runs stop; what earlier runs deprecated, disabled or deleted stays so.</p>
      <ul>
        {arns.map((a) => (
          <li key={a}>
            <Id value={a} />
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}

/** One rule in words: "DELETE (with AMIs and snapshots) images older than 90 DAYS, keeping at least 2". */
export function ruleText(d: LifecyclePolicyDetail): string {
  const r = asRule(d);
  const inc = r.action.includeResources ?? {};
  const withWhat = [inc.amis ? 'AMIs' : '', inc.snapshots ? 'snapshots' : '', inc.containers ? 'containers' : ''].filter(Boolean);
  const what = `${r.action.type}${withWhat.length ? ` (with ${withWhat.join(' and ')})` : ''}`;
  const f = r.filter;
  const which =
    f.type === 'AGE'
      ? `images older than ${f.value} ${f.unit ?? 'DAYS'}${f.retainAtLeast ? `, keeping at least ${f.retainAtLeast}` : ''}`
      : `all but the newest ${f.value} images`;
  return `${what} ${which}`;
}

function exclusionText(r: LifecyclePolicyDetail): string {
  const ex = r.exclusionRules;
  if (!ex) return '—';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(ex.tagMap ?? {})) parts.push(`image tag ${k}=${v}`);
  const a = ex.amis;
  if (a?.isPublic) parts.push('public AMIs');
  if (a?.regions?.length) parts.push(`AMIs in ${a.regions.join(', ')}`);
  if (a?.sharedAccounts?.length) parts.push(`AMIs shared with ${a.sharedAccounts.join(', ')}`);
  for (const [k, v] of Object.entries(a?.tagMap ?? {})) parts.push(`AMI tag ${k}=${v}`);
  if (a?.lastLaunched) parts.push(`AMIs launched in the last ${a.lastLaunched.value} ${a.lastLaunched.unit}`);
  return parts.join('; ') || '—';
}

function selectionText(s: LifecyclePolicyResourceSelection | undefined) {
  if (s?.recipes?.length) return <>recipes {s.recipes.map((r) => `${r.name} ${r.semanticVersion}`).join(', ')}</>;
  if (s?.tagMap)
    return (
      <>
        images tagged{' '}
        {Object.entries(s.tagMap)
          .map(([k, v]) => `${k}=${v}`)
          .join(' or ')}
      </>
    );
  return <span className="muted">—</span>;
}

export function LifecycleDetail({ arn }: { arn: string }) {
  const { client } = useSession();
  const got = useLoad(async () => (await client.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: arn }))).lifecyclePolicy!, [client, arn]);
  const [runs, setRuns] = useState(0);
  const execs = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListLifecycleExecutionsCommand({ resourceArn: arn, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.lifecycleExecutions, nextToken: out.nextToken };
      }),
    [client, arn, runs],
    1000,
    (d) => !!d?.some((e) => ['IN_PROGRESS', 'CANCELLING', 'PENDING'].includes(e.state?.status ?? '')),
  );
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  const crumbs = <Breadcrumbs items={[['Lifecycle policies', '/lifecycle'], [arn.split('/').pop() ?? 'Policy']]} />;
  if (got.loading && !got.data) return <Loading what="lifecycle policy" />;
  if (got.error)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the lifecycle policy" error={got.error} />
      </>
    );
  const p = got.data!;
  // The preview follows the executions: after a run, the next one would touch something else.
  const settled = execs.data?.filter((e) => !['IN_PROGRESS', 'CANCELLING', 'PENDING'].includes(e.state?.status ?? '')).length ?? 0;
  const runNow = async () => {
    setError(undefined);
    try {
      await admin('POST', '/_ibex/lifecycle/run', { lifecyclePolicyArn: arn });
      setRuns((n) => n + 1);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>{p.name}</h1>
        <div className="actions">
          <button onClick={() => void runNow()}>Run now</button>
          <Link className="button" to={`${lifecyclePath(arn)}/edit`}>
            Edit
          </Link>
          <button className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </header>
      {error ? <ErrorBox error={error} /> : null}
      <dl className="facts card" data-testid="lifecycle-facts">
        <dt>ARN</dt>
        <dd>
          <Id value={p.arn} />
        </dd>
        <dt>Status</dt>
        <dd>{p.status}</dd>
        <dt>Description</dt>
        <dd>{p.description || '—'}</dd>
        <dt>Resource type</dt>
        <dd>{p.resourceType}</dd>
        <dt>Selects</dt>
        <dd data-testid="lifecycle-selection">{selectionText(p.resourceSelection)}</dd>
        <dt>Execution role</dt>
        <dd>
          <Id value={p.executionRole} />
        </dd>
        <dt>Last run</dt>
        <dd>{when(p.dateLastRun)}</dd>
        <dt>Created</dt>
        <dd>{when(p.dateCreated)}</dd>
      </dl>
      <section className="card">
        <h2>Rules</h2>
        <div className="table-wrap" tabIndex={0}>
          <table data-testid="lifecycle-rules">
            <thead>
              <tr>
                <th>Rule</th>
                <th>Except</th>
              </tr>
            </thead>
            <tbody>
              {(p.policyDetails ?? []).map((r, i) => (
                <tr key={i}>
                  <td>
                    <Words value={ruleText(r)} />
                  </td>
                  <td>
                    <Words value={exclusionText(r)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <LifecyclePreviewPanel arn={arn} version={`${settled}/${p.dateUpdated?.getTime() ?? ''}`} />
      <section className="card">
        <h2>Executions</h2>
        {execs.data?.length ? (
          <div className="table-wrap" tabIndex={0}>
            <table data-testid="lifecycle-executions">
              <thead>
                <tr>
                  <th>Execution</th>
                  <th>Status</th>
                  <th>Started</th>
                  <th>Ended</th>
                  <th>Touched anything</th>
                </tr>
              </thead>
              <tbody>
                {execs.data.map((e) => (
                  <Fragment key={e.lifecycleExecutionId}>
                    <tr>
                      <td className="nowrap">{e.lifecycleExecutionId}</td>
                      <td>
                        <span className={`state state-${e.state?.status}`}>{e.state?.status}</span>
                        {e.state?.reason ? (
                          <span className="muted">
                            {' '}
                            — <Words value={e.state.reason} />
                          </span>
                        ) : null}
                      </td>
                      <td className="nowrap">{when(e.startTime)}</td>
                      <td className="nowrap">{when(e.endTime)}</td>
                      <td>{e.resourcesImpactedSummary?.hasImpactedResources ? 'yes' : 'no'}</td>
                    </tr>
                    <tr>
                      <td colSpan={5}>
                        <ExecutionResources executionId={e.lifecycleExecutionId!} settledAt={`${e.state?.status}/${e.endTime?.getTime() ?? ''}`} />
                      </td>
                    </tr>
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{execs.loading ? 'Loading executions…' : 'The policy has not run yet.'}</p>
        )}
      </section>
      <TagsEditor arn={arn} />
      {deleting ? <DeletePolicies arns={[arn]} onClose={() => setDeleting(false)} onDone={() => navigate('/lifecycle')} /> : null}
    </section>
  );
}

/** A rule as the form edits it: the SDK marks every member optional, the API requires action and filter. */
interface Rule {
  action: { type: 'DEPRECATE' | 'DISABLE' | 'DELETE'; includeResources?: { amis?: boolean; snapshots?: boolean; containers?: boolean } | undefined };
  filter: { type: 'AGE' | 'COUNT'; value: number; unit?: 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS'; retainAtLeast?: number | undefined };
  exclusionRules?: LifecyclePolicyDetailExclusionRules | undefined;
}

/** The SDK's rule as the form's (missing members get the form's defaults). */
function asRule(r: LifecyclePolicyDetail): Rule {
  return {
    action: { type: r.action?.type ?? 'DEPRECATE', ...(r.action?.includeResources ? { includeResources: r.action.includeResources } : {}) },
    filter: {
      type: r.filter?.type ?? 'AGE',
      value: r.filter?.value ?? 90,
      ...(r.filter?.unit ? { unit: r.filter.unit } : {}),
      ...(r.filter?.retainAtLeast !== undefined ? { retainAtLeast: r.filter.retainAtLeast } : {}),
    },
    ...(r.exclusionRules ? { exclusionRules: r.exclusionRules } : {}),
  };
}

interface PolicyDraft {
  name: string;
  description: string;
  executionRole: string;
  resourceType: 'AMI_IMAGE' | 'CONTAINER_IMAGE';
  status: 'ENABLED' | 'DISABLED';
  selectBy: 'recipes' | 'tags';
  resourceSelection: LifecyclePolicyResourceSelection;
  policyDetails: Rule[];
  tags?: Record<string, string>;
}

const NEW_RULE: Rule = { action: { type: 'DEPRECATE', includeResources: { amis: true } }, filter: { type: 'AGE', value: 90, unit: 'DAYS' } };
const UNITS = ['DAYS', 'WEEKS', 'MONTHS', 'YEARS'];

function RuleFields({
  i,
  rule,
  resourceType,
  set,
  remove,
  regions,
}: {
  i: number;
  rule: Rule;
  resourceType: string;
  set(r: Rule): void;
  remove?: () => void;
  regions: { value: string; label: string }[];
}) {
  const base = `policyDetails[${i}]`;
  const inc = rule.action.includeResources ?? {};
  const amis = rule.exclusionRules?.amis ?? {};
  const setInc = (k: 'amis' | 'snapshots' | 'containers', v: boolean) => {
    const next = { ...inc, [k]: v };
    if (!v) delete next[k];
    set({ ...rule, action: { type: rule.action.type, ...(Object.keys(next).length ? { includeResources: next } : {}) } });
  };
  const setAmis = (patch: Partial<typeof amis>) => {
    const next = Object.fromEntries(
      Object.entries({ ...amis, ...patch }).filter(([, v]) => v !== undefined && v !== false && !(Array.isArray(v) && !v.length)),
    );
    const ex = { ...rule.exclusionRules, amis: Object.keys(next).length ? next : undefined };
    set({ ...rule, exclusionRules: ex.amis || ex.tagMap ? ex : undefined });
  };
  return (
    <fieldset className="card" data-path={base}>
      <legend>Rule {i + 1}</legend>
      <SelectField
        path={`${base}.action.type`}
        label="Action"
        value={rule.action.type}
        options={['DEPRECATE', 'DISABLE', 'DELETE']}
        onChange={(v) => set({ ...rule, action: { ...rule.action, type: v as 'DELETE' } })}
      />
      {resourceType === 'CONTAINER_IMAGE' ? (
        <CheckField
          path={`${base}.action.includeResources.containers`}
          label="Also the container images"
          value={inc.containers}
          onChange={(v) => setInc('containers', v)}
        />
      ) : (
        <>
          <CheckField
            path={`${base}.action.includeResources.amis`}
            label="Also the AMIs (every Region and account)"
            value={inc.amis}
            onChange={(v) => setInc('amis', v)}
          />
          {rule.action.type === 'DELETE' ? (
            <CheckField
              path={`${base}.action.includeResources.snapshots`}
              label="Also the snapshots"
              value={inc.snapshots}
              onChange={(v) => setInc('snapshots', v)}
            />
          ) : null}
        </>
      )}
      <SelectField
        path={`${base}.filter.type`}
        label="Which images"
        value={rule.filter.type}
        options={[
          { value: 'AGE', label: 'older than an age (AGE)' },
          { value: 'COUNT', label: 'beyond a count (COUNT)' },
        ]}
        onChange={(v) =>
          set({ ...rule, filter: v === 'AGE' ? { type: 'AGE', value: rule.filter.value, unit: 'DAYS' } : { type: 'COUNT', value: rule.filter.value } })
        }
      />
      <NumberField
        path={`${base}.filter.value`}
        label={rule.filter.type === 'AGE' ? 'Age' : 'Images to keep'}
        value={rule.filter.value}
        onChange={(v) => set({ ...rule, filter: { ...rule.filter, value: v ?? 0 } })}
      />
      {rule.filter.type === 'AGE' ? (
        <>
          <SelectField
            path={`${base}.filter.unit`}
            label="Unit"
            value={rule.filter.unit ?? 'DAYS'}
            options={UNITS}
            onChange={(v) => set({ ...rule, filter: { ...rule.filter, unit: v as 'DAYS' } })}
          />
          <NumberField
            path={`${base}.filter.retainAtLeast`}
            label="Keep at least"
            value={rule.filter.retainAtLeast}
            onChange={(v) => set({ ...rule, filter: { ...rule.filter, retainAtLeast: v } })}
          />
        </>
      ) : null}
      <MapField
        path={`${base}.exclusionRules.tagMap`}
        label="Keep images tagged"
        value={rule.exclusionRules?.tagMap}
        onChange={(v) => set({ ...rule, exclusionRules: v || rule.exclusionRules?.amis ? { ...rule.exclusionRules, tagMap: v } : undefined })}
      />
      {resourceType !== 'CONTAINER_IMAGE' ? (
        <>
          <ListField
            path={`${base}.exclusionRules.amis.regions`}
            label="Keep AMIs in Regions"
            value={amis.regions}
            onChange={(v) => setAmis({ regions: v })}
            hint={
              regions.length
                ? `e.g. ${regions
                    .slice(0, 3)
                    .map((r) => r.value)
                    .join(', ')}`
                : 'Region codes'
            }
          />
          <ListField
            path={`${base}.exclusionRules.amis.sharedAccounts`}
            label="Keep AMIs shared with accounts"
            value={amis.sharedAccounts}
            onChange={(v) => setAmis({ sharedAccounts: v })}
          />
          <CheckField
            path={`${base}.exclusionRules.amis.isPublic`}
            label="Keep public AMIs"
            value={amis.isPublic}
            onChange={(v) => setAmis({ isPublic: v || undefined })}
          />
          <MapField path={`${base}.exclusionRules.amis.tagMap`} label="Keep AMIs tagged" value={amis.tagMap} onChange={(v) => setAmis({ tagMap: v })} />
        </>
      ) : null}
      {remove ? (
        <button type="button" onClick={remove}>
          Remove rule {i + 1}
        </button>
      ) : null}
    </fieldset>
  );
}

export function LifecycleForm({ arn }: { arn?: string }) {
  const { client, account } = useSession();
  const { world } = useWorld();
  const existing = useLoad(
    async () => (arn ? (await client.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: arn }))).lifecyclePolicy : undefined),
    [client, arn],
  );
  const recipes = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListImageRecipesCommand({ owner: 'Self', maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.imageRecipeSummaryList, nextToken: out.nextToken };
      }),
    [client],
  );
  const [draft, setDraft] = useState<PolicyDraft>();
  if (arn && existing.loading && !existing.data) return <Loading what="lifecycle policy" />;
  if (existing.error) return <ErrorBox title="Cannot load the lifecycle policy" error={existing.error} />;
  const e = existing.data;
  const v: PolicyDraft = draft ?? {
    name: e?.name ?? '',
    description: e?.description ?? '',
    executionRole: e?.executionRole ?? 'EC2ImageBuilderLifecycleExecutionRole',
    resourceType: (e?.resourceType as 'AMI_IMAGE') ?? 'AMI_IMAGE',
    status: (e?.status as 'ENABLED') ?? 'ENABLED',
    selectBy: e?.resourceSelection?.tagMap ? 'tags' : 'recipes',
    resourceSelection: e?.resourceSelection ?? { recipes: [{ name: '', semanticVersion: '1.0.0' }] },
    policyDetails: e?.policyDetails?.map(asRule) ?? [NEW_RULE],
  };
  const set = (patch: Partial<PolicyDraft>) => setDraft({ ...v, ...patch });
  const recipeChoices = [...new Set((recipes.data ?? []).map((r) => r.name!))].map((n) => ({ value: n, label: n }));
  const recipeList = v.resourceSelection.recipes ?? [];
  const regions = world ? regionChoices(world, account) : [];
  const selection: LifecyclePolicyResourceSelection = v.selectBy === 'tags' ? { tagMap: v.resourceSelection.tagMap ?? {} } : { recipes: recipeList };
  return (
    <FormPage
      crumbs={[
        ['Lifecycle policies', '/lifecycle'],
        ...(arn ? ([[e?.name ?? 'Policy', lifecyclePath(arn)], ['Edit']] as [string, string?][]) : ([['Create']] as [string, string?][])),
      ]}
      title={arn ? `Edit ${e?.name}` : 'Create lifecycle policy'}
      submitLabel={arn ? 'Save changes' : 'Create policy'}
      cancelTo={arn ? lifecyclePath(arn) : '/lifecycle'}
      onSubmit={async () => {
        const common = {
          executionRole: v.executionRole,
          resourceType: v.resourceType,
          status: v.status,
          resourceSelection: selection,
          policyDetails: v.policyDetails,
          clientToken: crypto.randomUUID(),
          ...(v.description ? { description: v.description } : {}),
        };
        if (arn) {
          await client.send(new UpdateLifecyclePolicyCommand({ lifecyclePolicyArn: arn, ...common }));
          navigate(lifecyclePath(arn));
        } else {
          const out = await client.send(new CreateLifecyclePolicyCommand({ name: v.name, ...common, ...(v.tags ? { tags: v.tags } : {}) }));
          navigate(lifecyclePath(out.lifecyclePolicyArn!));
        }
      }}
    >
      <TextField
        path="name"
        label="Name"
        value={v.name}
        disabled={Boolean(arn)}
        onChange={(x) => set({ name: x })}
        {...(arn ? { hint: 'a policy keeps its name' } : {})}
      />
      <TextField path="description" label="Description" value={v.description} onChange={(x) => set({ description: x })} />
      <TextField
        path="executionRole"
        label="Execution role"
        value={v.executionRole}
        onChange={(x) => set({ executionRole: x })}
        hint="name or ARN of the role the runs act with"
      />
      <SelectField
        path="resourceType"
        label="Resource type"
        value={v.resourceType}
        options={[
          { value: 'AMI_IMAGE', label: 'AMI images' },
          { value: 'CONTAINER_IMAGE', label: 'Container images' },
        ]}
        onChange={(x) => set({ resourceType: x as 'AMI_IMAGE' })}
      />
      <SelectField path="status" label="Status" value={v.status} options={['ENABLED', 'DISABLED']} onChange={(x) => set({ status: x as 'ENABLED' })} />
      <SelectField
        path="selectBy"
        label="Select images by"
        value={v.selectBy}
        options={[
          { value: 'recipes', label: 'recipe' },
          { value: 'tags', label: 'tag' },
        ]}
        onChange={(x) => set({ selectBy: x as 'tags' })}
      />
      {v.selectBy === 'recipes' ? (
        <div data-path="resourceSelection.recipes">
          {recipeList.map((r, i) => (
            <div className="row" key={i}>
              <TextField
                path={`resourceSelection.recipes[${i}].name`}
                label={`Recipe ${i + 1}`}
                value={r.name}
                options={recipeChoices}
                onChange={(x) => set({ resourceSelection: { recipes: recipeList.map((y, j) => (j === i ? { ...y, name: x } : y)) } })}
              />
              <TextField
                path={`resourceSelection.recipes[${i}].semanticVersion`}
                label="Version"
                value={r.semanticVersion}
                hint="x.y.z, or x.x.x wildcards"
                onChange={(x) => set({ resourceSelection: { recipes: recipeList.map((y, j) => (j === i ? { ...y, semanticVersion: x } : y)) } })}
              />
              {recipeList.length > 1 ? (
                <button type="button" onClick={() => set({ resourceSelection: { recipes: recipeList.filter((_, j) => j !== i) } })}>
                  Remove recipe {i + 1}
                </button>
              ) : null}
            </div>
          ))}
          <button type="button" onClick={() => set({ resourceSelection: { recipes: [...recipeList, { name: '', semanticVersion: '1.0.0' }] } })}>
            Add recipe
          </button>
        </div>
      ) : (
        <MapField
          path="resourceSelection.tagMap"
          label="Images tagged (any of)"
          value={v.resourceSelection.tagMap}
          onChange={(x) => set({ resourceSelection: { tagMap: x ?? {} } })}
        />
      )}
      <h2>Rules</h2>
      {v.policyDetails.map((r, i) => (
        <RuleFields
          key={i}
          i={i}
          rule={r}
          resourceType={v.resourceType}
          regions={regions}
          set={(nr) => set({ policyDetails: v.policyDetails.map((x, j) => (j === i ? nr : x)) })}
          {...(v.policyDetails.length > 1 ? { remove: () => set({ policyDetails: v.policyDetails.filter((_, j) => j !== i) }) } : {})}
        />
      ))}
      {v.policyDetails.length < 3 ? (
        <button
          type="button"
          onClick={() =>
            set({
              policyDetails: [
                ...v.policyDetails,
                {
                  ...NEW_RULE,
                  action: { type: (['DEPRECATE', 'DISABLE', 'DELETE'] as const).find((t) => !v.policyDetails.some((d) => d.action.type === t)) ?? 'DELETE' },
                },
              ],
            })
          }
        >
          Add rule
        </button>
      ) : null}
      {arn ? null : <MapField path="tags" label="Tags" value={v.tags} onChange={(x) => set({ tags: x })} />}
    </FormPage>
  );
}
