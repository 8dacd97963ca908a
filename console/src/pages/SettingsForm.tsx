// Create and edit distribution settings: every field of a distribution (AMI with launch
// permissions and target accounts, container, launch templates, S3 export, SSM parameters, fast
// launch, license configurations) and tags; the server's validation message appears at its field.
// An edit is reviewed before it is saved: the server's diff (who gains and loses copies and access,
// per Region and account) is shown, and Save sends exactly the reviewed proposal.
import { useEffect, useRef, useState } from 'react';
import {
  CreateDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  UpdateDistributionConfigurationCommand,
  type Distribution,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { navigate, Link } from '../router';
import { errorText, parameterPath } from '../api';
import { CheckField, FieldError, MapField, NumberField, SelectField, TextField, TokenField } from '../components/fields';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { accountChoices, inAccountRegion, orgChoices, ouChoices, regionChoices, useWorld, type Choice } from '../worldContext';
import { ErrorBox, Loading } from '../components/Status';
import { settingsArn } from './SettingsDetail';
import { adminApi } from '../progress';
import { SettingsDiffPanel } from '../components/SettingsDiff';
import type { SettingsDiff } from '../../../src/client/index';

/** What Create/UpdateDistributionConfiguration get from the form (besides name, ARN and tags). */
interface SettingsBody {
  description?: string;
  distributions: Distribution[];
}

/** Drops empty strings, arrays and objects so the request carries only what was filled in. */
export function prune<T>(v: T): T | undefined {
  if (Array.isArray(v)) {
    const a = v.map(prune).filter((x) => x !== undefined);
    return (a.length ? a : undefined) as T | undefined;
  }
  if (v && typeof v === 'object') {
    const o = Object.fromEntries(
      Object.entries(v)
        .map(([k, x]) => [k, prune(x)])
        .filter(([, x]) => x !== undefined),
    );
    return (Object.keys(o).length ? o : undefined) as T | undefined;
  }
  return v === '' || v === undefined || v === null ? undefined : v;
}

const BUILD_DATE = '{{ imagebuilder:buildDate }}';

/**
 * The output AMI name a new Region starts with: the settings' name, then the build date (which
 * AWS requires in every AMI name, so that each build's AMI name is unique). A bare date would name
 * every AMI only by when it was built. The name is cut so the result fits the 127 characters an
 * AMI name may have.
 */
export function defaultAmiName(settingsName: string): string {
  const base = settingsName
    .trim()
    .slice(0, 127 - BUILD_DATE.length - 1)
    .trim();
  return `${base || 'image'}-${BUILD_DATE}`;
}

/** The closest path on the page to the one an error names (the form may not have every leaf). */
export function closestPath(path: string, has: (p: string) => boolean): string | undefined {
  let p = path;
  for (let i = 0; i < 20 && p; i++) {
    if (has(p)) return p;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return undefined;
}

function DistributionEditor({
  d,
  i,
  set,
  remove,
  settingsName,
}: {
  d: Distribution;
  i: number;
  set(d: Distribution): void;
  remove(): void;
  settingsName: string;
}) {
  const { account } = useSession();
  const { world } = useWorld();
  const base = `distributions[${i}]`;
  const region = d.region ?? '';
  const regions = regionChoices(world, account);
  const accounts = accountChoices(world);
  const here = <T extends { accountId: string; region: string }>(items: T[] | undefined, acct = account) => inAccountRegion(items, acct || account, region);
  const templates = (acct?: string): Choice[] =>
    here(world?.launchTemplates, acct).map((t) => ({ value: t.launchTemplateId, label: `${t.launchTemplateId} — ${t.name}` }));
  const optedOut = [...(d.amiDistributionConfiguration?.targetAccountIds ?? []), account].filter((a) =>
    world?.accounts.find((x) => x.id === a)?.disabledRegions?.includes(region),
  );
  const ami = d.amiDistributionConfiguration;
  const lp = ami?.launchPermission ?? {};
  const setAmi = (patch: Partial<NonNullable<Distribution['amiDistributionConfiguration']>>) =>
    set({ ...d, amiDistributionConfiguration: { ...(ami ?? {}), ...patch } });
  const ctr = d.containerDistributionConfiguration;
  const s3 = d.s3ExportConfiguration;
  return (
    <fieldset className="card distribution">
      <legend>Distribution {i + 1}</legend>
      <div className="row">
        <SelectField
          path={`${base}.region`}
          label="Region"
          value={d.region}
          options={[{ value: '', label: 'Choose a Region' }, ...regions]}
          onChange={(v) => set({ ...d, region: v })}
        />
        <button type="button" className="danger small" onClick={remove} aria-label={`Remove distribution ${i + 1}`}>
          Remove
        </button>
      </div>

      {optedOut.length ? (
        <p className="warning" role="note">
          Not opted in to <span className="nowrap">{region}</span>: {optedOut.join(', ')}. Distribution to these accounts there will fail until the Region is
          enabled for them.
        </p>
      ) : null}
      <CheckField
        path={`${base}.amiDistributionConfiguration`}
        label="AMI distribution"
        value={Boolean(ami)}
        onChange={(on) => set({ ...d, amiDistributionConfiguration: on ? { name: defaultAmiName(settingsName) } : undefined })}
      />
      {ami ? (
        <div className="group">
          <TextField
            path={`${base}.amiDistributionConfiguration.name`}
            label="Output AMI name"
            value={ami.name}
            onChange={(v) => setAmi({ name: v })}
            hint="must contain {{ imagebuilder:buildDate }}, which makes each build's AMI name unique"
          />
          <TextField
            path={`${base}.amiDistributionConfiguration.description`}
            label="AMI description"
            value={ami.description}
            onChange={(v) => setAmi({ description: v })}
          />
          <TokenField
            path={`${base}.amiDistributionConfiguration.targetAccountIds`}
            label="Target accounts (copies)"
            value={ami.targetAccountIds}
            options={accounts.filter((a) => a.value !== account)}
            onChange={(v) => setAmi({ targetAccountIds: v })}
            hint="each gets its own copy of the AMI"
          />
          <TextField
            path={`${base}.amiDistributionConfiguration.kmsKeyId`}
            label="KMS key"
            value={ami.kmsKeyId}
            onChange={(v) => setAmi({ kmsKeyId: v })}
            options={here(world?.kmsKeys).flatMap((k) => [{ value: k.arn, label: `${k.keyId}${k.aliases.length ? ` (${k.aliases.join(', ')})` : ''}` }])}
          />
          <MapField path={`${base}.amiDistributionConfiguration.amiTags`} label="AMI tags" value={ami.amiTags} onChange={(v) => setAmi({ amiTags: v })} />
          <h4>Launch permissions</h4>
          <TokenField
            path={`${base}.amiDistributionConfiguration.launchPermission.userIds`}
            label="Accounts"
            value={lp.userIds}
            options={accounts.filter((a) => a.value !== account)}
            onChange={(v) => setAmi({ launchPermission: { ...lp, userIds: v } })}
            hint="may launch the AMI shared from this account"
          />
          <TokenField
            path={`${base}.amiDistributionConfiguration.launchPermission.userGroups`}
            label="Groups"
            value={lp.userGroups}
            options={[{ value: 'all', label: 'all — makes the AMI public' }]}
            onChange={(v) => setAmi({ launchPermission: { ...lp, userGroups: v } })}
            hint="'all' makes the AMI public"
          />
          <TokenField
            path={`${base}.amiDistributionConfiguration.launchPermission.organizationArns`}
            label="Organizations"
            value={lp.organizationArns}
            options={orgChoices(world)}
            onChange={(v) => setAmi({ launchPermission: { ...lp, organizationArns: v } })}
          />
          <TokenField
            path={`${base}.amiDistributionConfiguration.launchPermission.organizationalUnitArns`}
            label="Organizational units"
            value={lp.organizationalUnitArns}
            options={ouChoices(world)}
            onChange={(v) => setAmi({ launchPermission: { ...lp, organizationalUnitArns: v } })}
            hint="every account in the OU and the OUs under it"
          />
        </div>
      ) : null}

      <CheckField
        path={`${base}.containerDistributionConfiguration`}
        label="Container distribution"
        value={Boolean(ctr)}
        onChange={(on) => set({ ...d, containerDistributionConfiguration: on ? { targetRepository: { service: 'ECR', repositoryName: '' } } : undefined })}
      />
      {ctr ? (
        <div className="group">
          <TextField
            path={`${base}.containerDistributionConfiguration.targetRepository.repositoryName`}
            label="ECR repository"
            options={here(world?.ecrRepositories).map((r) => ({ value: r.repositoryName, label: r.repositoryUri ?? r.repositoryName }))}
            value={ctr.targetRepository?.repositoryName}
            onChange={(v) => set({ ...d, containerDistributionConfiguration: { ...ctr, targetRepository: { service: 'ECR', repositoryName: v } } })}
          />
          <TextField
            path={`${base}.containerDistributionConfiguration.description`}
            label="Description"
            value={ctr.description}
            onChange={(v) => set({ ...d, containerDistributionConfiguration: { ...ctr, description: v } })}
          />
          <TokenField
            path={`${base}.containerDistributionConfiguration.containerTags`}
            label="Container tags"
            value={ctr.containerTags}
            options={[]}
            onChange={(v) => set({ ...d, containerDistributionConfiguration: { ...ctr, containerTags: v } })}
          />
        </div>
      ) : null}

      <h4>Launch templates</h4>
      {(d.launchTemplateConfigurations ?? []).map((lt, j) => {
        const p = `${base}.launchTemplateConfigurations[${j}]`;
        const put = (patch: object) =>
          set({ ...d, launchTemplateConfigurations: d.launchTemplateConfigurations!.map((x, k) => (k === j ? { ...x, ...patch } : x)) });
        return (
          <div className="group row" key={j}>
            <TextField
              path={`${p}.launchTemplateId`}
              label="Launch template id"
              value={lt.launchTemplateId}
              options={templates(lt.accountId)}
              onChange={(v) => put({ launchTemplateId: v })}
            />
            <TextField path={`${p}.accountId`} label="Account (optional)" value={lt.accountId} options={accounts} onChange={(v) => put({ accountId: v })} />
            <CheckField
              path={`${p}.setDefaultVersion`}
              label="Set default version"
              value={lt.setDefaultVersion}
              onChange={(v) => put({ setDefaultVersion: v })}
            />
            <button
              type="button"
              className="small"
              onClick={() => set({ ...d, launchTemplateConfigurations: d.launchTemplateConfigurations!.filter((_, k) => k !== j) })}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="small"
        onClick={() =>
          set({ ...d, launchTemplateConfigurations: [...(d.launchTemplateConfigurations ?? []), { launchTemplateId: '', setDefaultVersion: true }] })
        }
      >
        Add launch template
      </button>

      <CheckField
        path={`${base}.s3ExportConfiguration`}
        label="Export to S3"
        value={Boolean(s3)}
        onChange={(on) => set({ ...d, s3ExportConfiguration: on ? { roleName: 'vmimport', diskImageFormat: 'RAW', s3Bucket: '' } : undefined })}
      />
      {s3 ? (
        <div className="group row">
          <TextField
            path={`${base}.s3ExportConfiguration.roleName`}
            label="Role name"
            value={s3.roleName}
            onChange={(v) => set({ ...d, s3ExportConfiguration: { ...s3, roleName: v } })}
          />
          <SelectField
            path={`${base}.s3ExportConfiguration.diskImageFormat`}
            label="Disk image format"
            value={s3.diskImageFormat}
            options={['VMDK', 'RAW', 'VHD']}
            onChange={(v) => set({ ...d, s3ExportConfiguration: { ...s3, diskImageFormat: v as 'RAW' } })}
          />
          <TextField
            path={`${base}.s3ExportConfiguration.s3Bucket`}
            label="Bucket"
            options={(world?.s3Buckets ?? []).filter((b) => b.accountId === account).map((b) => ({ value: b.name, label: `${b.name} (${b.region})` }))}
            value={s3.s3Bucket}
            onChange={(v) => set({ ...d, s3ExportConfiguration: { ...s3, s3Bucket: v } })}
          />
          <TextField
            path={`${base}.s3ExportConfiguration.s3Prefix`}
            label="Prefix"
            value={s3.s3Prefix}
            onChange={(v) => set({ ...d, s3ExportConfiguration: { ...s3, s3Prefix: v } })}
          />
        </div>
      ) : null}

      <h4>SSM parameters</h4>
      {(d.ssmParameterConfigurations ?? []).map((sp, j) => {
        const p = `${base}.ssmParameterConfigurations[${j}]`;
        const put = (patch: object) =>
          set({ ...d, ssmParameterConfigurations: d.ssmParameterConfigurations!.map((x, k) => (k === j ? { ...x, ...patch } : x)) });
        return (
          <div className="group row" key={j}>
            <TextField path={`${p}.parameterName`} label="Parameter name" value={sp.parameterName} onChange={(v) => put({ parameterName: v })} />
            <TextField
              path={`${p}.amiAccountId`}
              label="AMI account (optional)"
              options={accounts}
              value={sp.amiAccountId}
              onChange={(v) => put({ amiAccountId: v })}
            />
            <SelectField
              path={`${p}.dataType`}
              label="Data type"
              value={sp.dataType}
              options={['', 'text', 'aws:ec2:image']}
              onChange={(v) => put({ dataType: v || undefined })}
            />
            <button
              type="button"
              className="small"
              onClick={() => set({ ...d, ssmParameterConfigurations: d.ssmParameterConfigurations!.filter((_, k) => k !== j) })}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="small"
        onClick={() => set({ ...d, ssmParameterConfigurations: [...(d.ssmParameterConfigurations ?? []), { parameterName: '' }] })}
      >
        Add SSM parameter
      </button>

      <h4>Fast launch (Windows)</h4>
      {(d.fastLaunchConfigurations ?? []).map((fl, j) => {
        const p = `${base}.fastLaunchConfigurations[${j}]`;
        const put = (patch: object) => set({ ...d, fastLaunchConfigurations: d.fastLaunchConfigurations!.map((x, k) => (k === j ? { ...x, ...patch } : x)) });
        return (
          <div className="group row" key={j}>
            <CheckField path={`${p}.enabled`} label="Enabled" value={fl.enabled} onChange={(v) => put({ enabled: v })} />
            <TextField path={`${p}.accountId`} label="Account (optional)" value={fl.accountId} options={accounts} onChange={(v) => put({ accountId: v })} />
            <NumberField
              path={`${p}.maxParallelLaunches`}
              label="Max parallel launches"
              value={fl.maxParallelLaunches}
              onChange={(v) => put({ maxParallelLaunches: v })}
            />
            <NumberField
              path={`${p}.snapshotConfiguration.targetResourceCount`}
              label="Pre-provisioned snapshots"
              value={fl.snapshotConfiguration?.targetResourceCount}
              onChange={(v) => put({ snapshotConfiguration: { targetResourceCount: v } })}
            />
            <TextField
              path={`${p}.launchTemplate.launchTemplateId`}
              label="Launch template id"
              options={templates(fl.accountId)}
              value={fl.launchTemplate?.launchTemplateId}
              onChange={(v) => put({ launchTemplate: { ...fl.launchTemplate, launchTemplateId: v } })}
            />
            <TextField
              path={`${p}.launchTemplate.launchTemplateVersion`}
              label="Template version"
              value={fl.launchTemplate?.launchTemplateVersion}
              onChange={(v) => put({ launchTemplate: { ...fl.launchTemplate, launchTemplateVersion: v } })}
            />
            <button
              type="button"
              className="small"
              onClick={() => set({ ...d, fastLaunchConfigurations: d.fastLaunchConfigurations!.filter((_, k) => k !== j) })}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="small"
        onClick={() =>
          set({
            ...d,
            fastLaunchConfigurations: [
              ...(d.fastLaunchConfigurations ?? []),
              { enabled: true, maxParallelLaunches: 6, snapshotConfiguration: { targetResourceCount: 5 } },
            ],
          })
        }
      >
        Add fast launch
      </button>

      <TokenField
        path={`${base}.licenseConfigurationArns`}
        label="License configurations"
        value={d.licenseConfigurationArns}
        options={here(world?.licenseConfigurations).map((l) => ({ value: l.arn, label: `${l.name} (${l.arn.split(':').pop()})` }))}
        onChange={(v) => set({ ...d, licenseConfigurationArns: v })}
      />
    </fieldset>
  );
}

export function SettingsForm({ name }: { name?: string }) {
  const { client, account, region } = useSession();
  const editing = name !== undefined;
  const [cfgName, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState<Record<string, string>>();
  const [distributions, setDistributions] = useState<Distribution[]>([{ region, amiDistributionConfiguration: { name: defaultAmiName('') } }]);
  const [error, setError] = useState<{ path?: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const [loading, setLoading] = useState(editing);
  /** The diff of the edit under review and the exact body it was computed for. */
  const [review, setReview] = useState<{ diff: SettingsDiff; body: SettingsBody }>();
  const submitButton = useRef<HTMLButtonElement>(null);
  const backToForm = useRef(false);
  const arn = editing ? settingsArn(account, region, name!) : '';

  useEffect(() => {
    if (!editing) return;
    let live = true;
    client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn })).then(
      ({ distributionConfiguration: c }) => {
        if (!live || !c) return;
        setName(c.name ?? '');
        setDescription(c.description ?? '');
        setDistributions(c.distributions ?? []);
        setLoading(false);
      },
      (e: unknown) => live && (setError({ message: errorText(e) }), setLoading(false)),
    );
    return () => void (live = false);
  }, [client, arn, editing]);

  // Any edit after the review makes the diff stale: the form asks for a new one.
  useEffect(() => setReview(undefined), [distributions, description]);
  useEffect(() => {
    if (review || !backToForm.current) return;
    backToForm.current = false;
    submitButton.current?.focus();
  }, [review]);

  /** A new name; AMI names still at the old name's default follow it (edited ones are kept). */
  function renameSettings(next: string) {
    const old = defaultAmiName(cfgName);
    setName(next);
    setDistributions((ds) =>
      ds.map((d) =>
        d.amiDistributionConfiguration?.name === old
          ? { ...d, amiDistributionConfiguration: { ...d.amiDistributionConfiguration, name: defaultAmiName(next) } }
          : d,
      ),
    );
  }

  /** The server's message, at the field it names (focused) or at the top. */
  function showError(err: unknown) {
    const message = errorText(err);
    const named = parameterPath(message);
    const path = named ? closestPath(named, (p) => document.querySelector(`[data-path="${p.replace(/["\\]/g, '\\$&')}"]`) !== null) : undefined;
    setError({ ...(path ? { path } : {}), message });
    if (path) (document.getElementById(path) as HTMLElement | null)?.focus();
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: SettingsBody = {
      ...(description ? { description } : {}),
      distributions: distributions.map((d) => prune(d) ?? { region: '' }) as Distribution[],
    };
    try {
      if (editing) {
        // Saves nothing: the same checks as the update, then what it would gain and lose.
        setReview({ diff: await adminApi.diffSettings({ distributionConfigurationArn: arn, ...body }), body });
        return;
      }
      await client.send(new CreateDistributionConfigurationCommand({ name: cfgName, ...body, ...(tags ? { tags } : {}), clientToken: crypto.randomUUID() }));
      navigate(`/settings/${encodeURIComponent(cfgName)}`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  /** Saves the reviewed proposal, exactly as diffed. */
  async function save() {
    if (!review) return;
    setBusy(true);
    setError(undefined);
    try {
      await client.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: arn, ...review.body }));
      navigate(`/settings/${encodeURIComponent(name!)}`);
    } catch (err) {
      setReview(undefined);
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  function back() {
    backToForm.current = true;
    setReview(undefined);
  }

  if (loading) return <Loading what="distribution settings" />;
  return (
    <form onSubmit={submit} noValidate>
      <Breadcrumbs
        items={[
          ['Distribution settings', '/settings'],
          ...(editing ? ([[name!, `/settings/${encodeURIComponent(name!)}`], ['Edit']] as [string, string?][]) : [['Create'] as [string]]),
        ]}
      />
      <header className="page-head">
        <h1>{editing ? `Edit ${name}` : 'Create distribution settings'}</h1>
      </header>
      {error && !error.path ? <ErrorBox error={error.message} /> : null}
      {error?.path ? (
        <p className="muted" role="status">
          The server rejected one field; see the message below it.
        </p>
      ) : null}
      <FieldError.Provider value={error?.path ? { path: error.path, message: error.message } : {}}>
        <TextField path="name" label="Name" value={cfgName} onChange={renameSettings} disabled={editing} />
        <TextField path="description" label="Description" value={description} onChange={setDescription} />
        {editing ? null : <MapField path="tags" label="Tags" value={tags} onChange={setTags} />}
        {distributions.map((d, i) => (
          <DistributionEditor
            key={i}
            d={d}
            i={i}
            settingsName={cfgName}
            set={(n) => setDistributions(distributions.map((x, k) => (k === i ? n : x)))}
            remove={() => setDistributions(distributions.filter((_, k) => k !== i))}
          />
        ))}
      </FieldError.Provider>
      {/* The review takes the place of the form's buttons until Save or Back. */}
      {review ? (
        <SettingsDiffPanel diff={review.diff} busy={busy} onSave={() => void save()} onBack={back} cancelTo={`/settings/${encodeURIComponent(name!)}`} />
      ) : (
        <div className="actions">
          <button
            type="button"
            onClick={() => setDistributions([...distributions, { region: '', amiDistributionConfiguration: { name: defaultAmiName(cfgName) } }])}
          >
            Add Region
          </button>
          <button type="submit" className="primary" disabled={busy} ref={submitButton}>
            {busy ? (editing ? 'Checking…' : 'Saving…') : editing ? 'Review changes' : 'Create settings'}
          </button>
          <Link className="button" to={editing ? `/settings/${encodeURIComponent(name!)}` : '/settings'}>
            Cancel
          </Link>
        </div>
      )}
    </form>
  );
}
