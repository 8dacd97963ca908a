// Rollouts (beyond AWS, /_ibex/rollouts): the list of the account's rollouts, a form to start one
// (settings, source image, and the rings as rows: targets picked from the world, the gate), and the detail ring by ring — targets, the gate and its
// state, jobs with their Region, account, state and duration, failures — with Approve, Resume, Abort and Roll back where the state allows them.
import { useState } from 'react';
import { ListDistributionConfigurationsCommand } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages, errorText } from '../api';
import { Link, navigate } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { ErrorBox, Loading } from '../components/Status';
import { ResourceTable, type Column } from '../components/Table';
import { Id, Words } from '../components/Id';
import { ConfirmDialog } from '../components/Dialog';
import { FormPage } from '../components/Form';
import { CheckField, NumberField, SelectField, TextField, TokenField } from '../components/fields';
import { accountChoices, ouChoices, regionChoices, useWorld } from '../worldContext';
import { actOnRollout, DONE, gateText, getRollout, listRollouts, planRolloutRollback, startRollout, type RingSpec, type Rollout } from '../rollouts';
import { PlanTable, summaryText } from '../components/Rollback';
import type { RollbackPlan } from '../../../src/client/index';
import { duration, imageLabel, imagePath } from './Images';
import { useRolloutJobs } from '../components/ImageRollout';
import { date } from '../format';

export const rolloutPath = (id: string) => `/rollouts/${encodeURIComponent(id)}`;

const COLUMNS: Column<Rollout>[] = [
  { id: 'id', header: 'Rollout', value: (r) => r.rolloutId, cell: (r) => <Link to={rolloutPath(r.rolloutId)}>{r.rolloutId}</Link> },
  { id: 'status', header: 'Status', value: (r) => r.status, cell: (r) => <span className={`state rollout-${r.status}`}>{r.status}</span> },
  {
    id: 'ring',
    header: 'Ring',
    value: (r) => `${Math.min(r.current + 1, r.rings.length)} of ${r.rings.length} (${r.rings[Math.min(r.current, r.rings.length - 1)]?.name ?? ''})`,
  },
  {
    id: 'image',
    header: 'Image',
    value: (r) => imageLabel(r.imageBuildVersionArn),
    cell: (r) => <Link to={imagePath(r.imageBuildVersionArn)}>{imageLabel(r.imageBuildVersionArn)}</Link>,
  },
  { id: 'settings', header: 'Settings', value: (r) => r.distributionConfigurationArn.split('/').pop() ?? '' },
  { id: 'created', header: 'Started', value: (r) => date(r.createdAt), className: 'nowrap' },
];

/** The rollouts of the console's account in its Region (the admin API lists every account's). */
function mine(all: Rollout[], account: string, region: string): Rollout[] {
  return all.filter((r) => r.scope.accountId === account && r.scope.region === region);
}

export function RolloutsList() {
  const { account, region } = useSession();
  const list = useLoad(
    async () => mine(await listRollouts(), account, region),
    [account, region],
    2000,
    (d) => !!d?.some((r) => !DONE.has(r.status)),
  );
  return (
    <section>
      <Breadcrumbs items={[['Image Builder', '/settings'], ['Rollouts']]} />
      <header className="page-head">
        <h1>Rollouts</h1>
        <Link className="button primary" to="/rollouts/new">
          Start a rollout
        </Link>
      </header>
      <p className="muted">Beyond AWS: one image distributed ring by ring, with a soak time or an approval between rings; a failed job halts it.</p>
      {list.loading && !list.data ? <Loading what="rollouts" /> : null}
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data ? (
        <ResourceTable
          label="Rollouts"
          testId="rollouts"
          rows={list.data}
          rowKey={(r) => r.rolloutId}
          rowName={(r) => r.rolloutId}
          columns={COLUMNS}
          initialSort={{ column: 'created', dir: 'descending' }}
          empty={`No rollouts in ${region} for account ${account} yet.`}
          actions={[{ label: 'View details', run: ([r]) => navigate(rolloutPath(r!.rolloutId)) }]}
        />
      ) : null}
    </section>
  );
}

/** What a ring targets, in words. */
function targets(r: RingSpec): string {
  const parts = [
    r.regions?.length ? `Regions ${r.regions.join(', ')}` : '',
    r.accounts?.length ? `accounts ${r.accounts.join(', ')}` : '',
    r.organizationalUnits?.length ? `OUs ${r.organizationalUnits.map((o) => o.split('/').pop()).join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'everything left';
}

/** The gate's state before ring `i`: open, waiting for approval, soaking until…, or not reached. */
function gateState(r: Rollout, i: number): string {
  const spec = r.rings[i]!;
  const st = r.ringStates[i]!;
  if (!spec.approval && !spec.soakSeconds) return 'no gate';
  if (st.status !== 'pending') return st.approvedAt ? `opened (approved ${date(st.approvedAt)})` : 'opened';
  if (i !== r.current) return 'not reached';
  if (r.status === 'waiting-approval') return 'waiting for approval';
  if (r.status === 'soaking') return st.soakUntil ? `soaking until ${date(st.soakUntil)}` : 'soaking';
  return r.status;
}

type Act = 'approve' | 'resume' | 'abort' | 'rollback';

export function RolloutDetail({ id }: { id: string }) {
  const got = useLoad(
    () => getRollout(id),
    [id],
    1000,
    (d) => !d || !DONE.has(d.status),
  );
  // Each job's Region, account, state and times, from the rings' runs (the admin API's data).
  const jobs = new Map((useRolloutJobs(got.data) ?? []).map((j) => [j.key, j]));
  const [error, setError] = useState<string>();
  const [confirm, setConfirm] = useState<'abort' | 'rollback'>();
  const [to, setTo] = useState('');
  // The rollback's plan, shown before it may run; planned for the `to` it was asked with.
  const [plan, setPlan] = useState<{ to: string; plan?: RollbackPlan; error?: string }>();
  const crumbs = <Breadcrumbs items={[['Rollouts', '/rollouts'], [id]]} />;
  if (got.loading && !got.data) return <Loading what="rollout" />;
  if (got.error && !got.data)
    return (
      <>
        {crumbs}
        <ErrorBox title="Cannot load the rollout" error={got.error} />
      </>
    );
  const r = got.data!;
  const act = async (a: Act) => {
    setError(undefined);
    await actOnRollout(id, a, a === 'rollback' && to ? to : undefined);
    got.reload();
  };
  const run = (a: Act) => () => void act(a).catch((e: unknown) => setError(errorText(e)));
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>Rollout {r.rolloutId}</h1>
        <div className="actions">
          {r.status === 'waiting-approval' ? (
            <button className="primary" onClick={run('approve')}>
              Approve ring {r.rings[r.current]?.name}
            </button>
          ) : null}
          {r.status === 'halted' ? <button onClick={run('resume')}>Resume</button> : null}
          {!DONE.has(r.status) ? (
            <button className="danger" onClick={() => setConfirm('abort')}>
              Abort
            </button>
          ) : null}
          {r.status !== 'rolled-back' ? <button onClick={() => setConfirm('rollback')}>Roll back</button> : null}
        </div>
      </header>
      <p>
        Status:{' '}
        <strong className={`state rollout-${r.status}`} data-testid="rollout-status">
          {r.status}
        </strong>
      </p>
      {r.reason ? <ErrorBox title="Reason" error={r.reason} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      <dl className="facts card">
        <dt>Image</dt>
        <dd>
          <Link to={imagePath(r.imageBuildVersionArn)}>{imageLabel(r.imageBuildVersionArn)}</Link>
        </dd>
        <dt>Distribution settings</dt>
        <dd>
          <Link to={`/settings/${encodeURIComponent(r.distributionConfigurationArn.split('/').pop() ?? '')}`}>
            {r.distributionConfigurationArn.split('/').pop()}
          </Link>
        </dd>
        <dt>Started</dt>
        <dd>{date(r.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{date(r.updatedAt)}</dd>
      </dl>
      <ol className="rings" aria-label="Rings" data-testid="rings">
        {r.rings.map((spec, i) => {
          const st = r.ringStates[i]!;
          return (
            <li
              key={spec.name}
              className={`card ring ring-${st.status}`}
              data-ring={spec.name}
              data-state={st.status}
              aria-current={i === r.current && !DONE.has(r.status) ? 'step' : undefined}
            >
              <h2>
                Ring {i + 1}: {spec.name} <span className={`state ring-state-${st.status}`}>{st.status}</span>
              </h2>
              <dl className="facts">
                <dt>Targets</dt>
                <dd>
                  <Words value={targets(spec)} />
                </dd>
                <dt>Gate before it</dt>
                <dd data-testid={`gate-${spec.name}`}>
                  {gateText(spec)} — {gateState(r, i)}
                </dd>
                <dt>Jobs</dt>
                <dd>
                  {st.jobs.length ? (
                    <ul className="plain" data-testid={`jobs-${spec.name}`}>
                      {st.jobs.map((key) => {
                        const j = jobs.get(key);
                        return (
                          <li key={key} data-job={key} data-state={j?.status ?? 'PENDING'}>
                            <Words value={j ? `${j.region} · ${j.accountId} · ${j.kind}` : key} /> — {j?.status ?? 'PENDING'}
                            {j?.startTime ? ` · ${duration(j.startTime, j.endTime)}` : ''}
                          </li>
                        );
                      })}
                    </ul>
                  ) : (
                    '—'
                  )}
                </dd>
                {st.startedAt ? (
                  <>
                    <dt>Ran</dt>
                    <dd>
                      {date(st.startedAt)}
                      {st.endedAt ? ` → ${date(st.endedAt)}` : ' …'}
                    </dd>
                  </>
                ) : null}
              </dl>
              {st.failures?.length ? (
                <div className="error" role="alert">
                  <ul>
                    {st.failures.map((f) => (
                      <li key={f.jobKey}>
                        <strong>
                          <Words value={f.jobKey} />
                        </strong>
                        : <Words value={f.error} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {confirm === 'abort' ? (
        <ConfirmDialog
          title={`Abort rollout ${r.rolloutId}?`}
          confirmLabel="Abort the rollout"
          closeLabel="Keep going"
          onClose={() => setConfirm(undefined)}
          onConfirm={async () => (await act('abort'), setConfirm(undefined))}
        >
          <p>Rings not yet run never start; the image ends CANCELLED. Copies already made stay.</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'rollback' ? (
        <ConfirmDialog
          title={`Roll back rollout ${r.rolloutId}?`}
          confirmLabel="Roll back"
          closeLabel="Cancel"
          onClose={() => (setConfirm(undefined), setPlan(undefined))}
          onConfirm={async () => (await act('rollback'), setConfirm(undefined), setPlan(undefined))}
          confirmDisabled={!plan?.plan || plan.to !== to}
        >
          <p>
            SSM parameters and launch-template defaults the settings manage point back at an earlier image's AMIs, everywhere. A running rollout stops first.
            Plan it first: the plan lists each change, and each place it is refused with the reason.
          </p>
          <div className="field">
            <label htmlFor="rollback-to">Earlier image build version ARN</label>
            <input id="rollback-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="empty: the previous AVAILABLE image with these settings" />
          </div>
          <button
            type="button"
            onClick={() => {
              const asked = to;
              setPlan({ to: asked });
              planRolloutRollback(id, asked || undefined).then(
                (p) => setPlan({ to: asked, plan: p }),
                (e: unknown) => setPlan({ to: asked, error: errorText(e) }),
              );
            }}
          >
            Plan the rollback
          </button>
          {plan?.error ? (
            <div className="error" role="alert">
              {plan.error}
            </div>
          ) : null}
          {plan?.plan && plan.to === to ? (
            <div data-testid="rollout-rollback-plan">
              <p role="status">
                <Words value={`Back to ${plan.plan.to}: ${summaryText(plan.plan.summary)}.`} />
              </p>
              <PlanTable plan={plan.plan} caption="What the rollback re-points" />
            </div>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** One ring as the form edits it: the gate's soak in minutes (the API takes seconds). */
interface RingRow {
  name: string;
  regions?: string[];
  accounts?: string[];
  organizationalUnits?: string[];
  soakMinutes?: number;
  approval?: boolean;
}

const FIRST_RINGS: RingRow[] = [{ name: 'canary' }, { name: 'rest', approval: true }];

/** The API's ring from a row: empty lists left out (a ring without targets takes the rest). */
export function ringSpec(r: RingRow): RingSpec {
  return {
    name: r.name.trim(),
    ...(r.regions?.length ? { regions: r.regions } : {}),
    ...(r.accounts?.length ? { accounts: r.accounts } : {}),
    ...(r.organizationalUnits?.length ? { organizationalUnits: r.organizationalUnits } : {}),
    ...(r.soakMinutes !== undefined ? { soakSeconds: Math.round(r.soakMinutes * 60) } : {}),
    ...(r.approval ? { approval: true } : {}),
  };
}

/** The rings in order, each a card: its name, what it targets (picked from the world), its gate. */
function RingsEditor({ rings, onChange }: { rings: RingRow[]; onChange(r: RingRow[]): void }) {
  const { world } = useWorld();
  const { account } = useSession();
  const regions = regionChoices(world, account);
  const accounts = accountChoices(world);
  const set = (i: number, patch: Partial<RingRow>) => onChange(rings.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) => {
    const next = [...rings];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset className="rings-editor" data-path="rings" data-testid="rings-editor">
      <legend>Rings, in order</legend>
      <p className="muted">
        A ring with no Regions, accounts or OUs takes every job the rings before it left. The gate is what must pass before the ring starts.
      </p>
      {rings.map((r, i) => (
        <fieldset key={i} className="card ring-row" data-path={`rings[${i}]`} aria-label={`Ring ${i + 1}`}>
          <legend>Ring {i + 1}</legend>
          <TextField path={`rings[${i}].name`} label="Name" value={r.name} onChange={(x) => set(i, { name: x })} />
          <TokenField
            path={`rings[${i}].regions`}
            label="Regions"
            value={r.regions}
            options={regions}
            onChange={(x) => set(i, { regions: x })}
            hint="empty: every Region"
          />
          <TokenField
            path={`rings[${i}].accounts`}
            label="Accounts"
            value={r.accounts}
            options={accounts}
            onChange={(x) => set(i, { accounts: x })}
            hint="empty: every account"
          />
          <TokenField
            path={`rings[${i}].organizationalUnits`}
            label="Organizational units"
            value={r.organizationalUnits}
            options={ouChoices(world)}
            onChange={(x) => set(i, { organizationalUnits: x })}
            hint="the accounts in the OU and the OUs under it"
          />
          <div className="row">
            <NumberField path={`rings[${i}].soakSeconds`} label="Soak before it (minutes)" value={r.soakMinutes} onChange={(x) => set(i, { soakMinutes: x })} />
            <CheckField path={`rings[${i}].approval`} label="Wait for approval before it" value={r.approval} onChange={(x) => set(i, { approval: x })} />
          </div>
          <div className="actions">
            <button type="button" className="small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move up ring ${i + 1}`}>
              Move up
            </button>
            <button type="button" className="small" disabled={i === rings.length - 1} onClick={() => move(i, 1)} aria-label={`Move down ring ${i + 1}`}>
              Move down
            </button>
            <button
              type="button"
              className="small"
              disabled={rings.length === 1}
              onClick={() => onChange(rings.filter((_, j) => j !== i))}
              aria-label={`Remove ring ${i + 1}`}
            >
              Remove ring
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...rings, { name: `ring-${rings.length + 1}` }])}>
        Add ring
      </button>
    </fieldset>
  );
}

export function RolloutForm() {
  const { client, account, region } = useSession();
  const { world } = useWorld();
  const settings = useLoad(
    () =>
      allPages(async (nextToken) => {
        const out = await client.send(new ListDistributionConfigurationsCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.distributionConfigurationSummaryList, nextToken: out.nextToken };
      }),
    [client],
  );
  const [v, setV] = useState({ distributionConfigurationArn: '', sourceImage: '' });
  const [rings, setRings] = useState<RingRow[]>(FIRST_RINGS);
  return (
    <FormPage
      crumbs={[['Rollouts', '/rollouts'], ['Start']]}
      title="Start a rollout"
      submitLabel="Start rollout"
      cancelTo="/rollouts"
      onSubmit={async () => {
        const r = await startRollout({ distributionConfigurationArn: v.distributionConfigurationArn, sourceImage: v.sourceImage, rings: rings.map(ringSpec) });
        navigate(rolloutPath(r.rolloutId));
      }}
    >
      <SelectField
        path="distributionConfigurationArn"
        label="Distribution settings"
        value={v.distributionConfigurationArn}
        options={[
          { value: '', label: settings.data?.length ? 'Choose settings' : `No settings in ${region}` },
          ...(settings.data ?? []).map((s) => ({ value: s.arn!, label: s.name! })),
        ]}
        onChange={(x) => setV({ ...v, distributionConfigurationArn: x })}
      />
      <TextField
        path="sourceImage"
        label="Source image"
        value={v.sourceImage}
        onChange={(x) => setV({ ...v, sourceImage: x })}
        hint="an AMI id or an image build version ARN"
        options={(world?.images ?? [])
          .filter((i) => i.region === region && i.state === 'available' && (i.accountId === account || i.launchPermissions?.userGroups?.includes('all')))
          .map((i) => ({ value: i.imageId, label: i.name }))}
      />
      <p className="muted">
        Settings <Id value={v.distributionConfigurationArn || undefined} />
      </p>
      <RingsEditor rings={rings} onChange={setRings} />
    </FormPage>
  );
}
