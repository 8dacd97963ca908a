// One distribution settings as structured tables per Region (output AMI, target accounts,
// launch permissions, launch templates, SSM parameters, S3 export, fast launch, licenses,
// container target), editable tags, edit, delete with confirmation, and plan.
import { useState, type ReactNode } from 'react';
import { GetDistributionConfigurationCommand, type Distribution } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { Id, Words } from '../components/Id';
import { TagsEditor } from '../components/Tags';
import { useWorld } from '../worldContext';
import type { Snapshot } from '../world';
import { date } from '../format';
import { DeleteSettings } from './SettingsDelete';

export function settingsArn(account: string, region: string, name: string): string {
  return `arn:aws:imagebuilder:${region}:${account}:distribution-configuration/${name.toLowerCase().replace(/[ _]/g, '-')}`;
}

/** A small table with a heading; `rows` empty shows "None". */
function Section({ title, head, rows, testId }: { title: string; head: string[]; rows: ReactNode[][]; testId?: string }) {
  return (
    <div className="section">
      <h3>{title}</h3>
      {rows.length ? (
        <div className="table-wrap" tabIndex={0}>
          <table data-testid={testId}>
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">None.</p>
      )}
    </div>
  );
}

function accountName(w: Snapshot | undefined, id: string | undefined): ReactNode {
  if (!id) return <span className="muted">this account</span>;
  const name = w?.accounts.find((a) => a.id === id)?.name;
  return (
    <>
      <span className="nowrap">{id}</span>
      {name ? <span className="muted"> {name}</span> : null}
    </>
  );
}

/** "ou/o-x/ou-y" → "Workloads / Prod" from the organization tree, when the world knows it. */
function unitName(w: Snapshot | undefined, arn: string): string | undefined {
  const id = arn.split('/').pop();
  for (const o of w?.organizations ?? []) {
    const find = (units: Snapshot['organizations'][number]['units'], trail: string[]): string | undefined => {
      for (const u of units) {
        if (u.id === id) return [...trail, u.name].join(' / ');
        const hit = find(u.units, [...trail, u.name]);
        if (hit) return hit;
      }
      return undefined;
    };
    const hit = find(o.units, []);
    if (hit) return hit;
  }
  return undefined;
}

export function RegionCard({ d, owner }: { d: Distribution; owner: string }) {
  const { world } = useWorld();
  const ami = d.amiDistributionConfiguration;
  const lp = ami?.launchPermission;
  const ctr = d.containerDistributionConfiguration;
  const s3 = d.s3ExportConfiguration;
  const region = d.region ?? '';
  const optedOut = new Set(world?.accounts.filter((a) => a.disabledRegions?.includes(region)).map((a) => a.id));
  const templateName = (id?: string) => world?.launchTemplates.find((t) => t.launchTemplateId === id)?.name;
  const grants: ReactNode[][] = [
    ...(lp?.userIds ?? []).map((u) => ['Account', accountName(world, u)]),
    ...(lp?.userGroups ?? []).map((g) => ['Group', g === 'all' ? 'all (public)' : g]),
    ...(lp?.organizationArns ?? []).map((a) => ['Organization', <Id value={a} key={a} />]),
    ...(lp?.organizationalUnitArns ?? []).map((a) => [
      'Organizational unit',
      <span key={a}>
        {unitName(world, a) ? <strong>{unitName(world, a)} </strong> : null}
        <Id value={a} />
      </span>,
    ]),
  ];
  return (
    <article className="card region" data-region={region} aria-labelledby={`region-${region}`}>
      <h2 id={`region-${region}`}>
        {region}
        {optedOut.has(owner) ? <span className="badge warn">not opted in</span> : null}
      </h2>
      <div className="section">
        <h3>Output AMI</h3>
        {ami ? (
          <dl className="facts">
            <dt>Name</dt>
            <dd>{ami.name ?? <span className="muted">default (image name and build date)</span>}</dd>
            <dt>Description</dt>
            <dd>{ami.description ?? '—'}</dd>
            <dt>KMS key</dt>
            <dd>
              <Id value={ami.kmsKeyId} />
            </dd>
            <dt>AMI tags</dt>
            <dd>
              {Object.entries(ami.amiTags ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || '—'}
            </dd>
          </dl>
        ) : (
          <p className="empty">No AMI distribution in this Region.</p>
        )}
      </div>
      {ami ? (
        <>
          <Section
            title="Target accounts (copies)"
            testId={`targets-${region}`}
            head={['Account', 'Opt-in']}
            rows={(ami.targetAccountIds ?? []).map((a) => [
              accountName(world, a),
              optedOut.has(a) ? (
                <span className="warning">
                  not opted in to <span className="nowrap">{region}</span>
                </span>
              ) : (
                'enabled'
              ),
            ])}
          />
          <Section title="Launch permissions" testId={`grants-${region}`} head={['Granted to', 'Who']} rows={grants} />
        </>
      ) : null}
      <Section
        title="Launch templates"
        head={['Launch template', 'Account', 'Set as default version']}
        rows={(d.launchTemplateConfigurations ?? []).map((t) => [
          <span key="t">
            <span className="nowrap">{t.launchTemplateId}</span>{' '}
            {templateName(t.launchTemplateId) ? <span className="muted">{templateName(t.launchTemplateId)}</span> : null}
          </span>,
          accountName(world, t.accountId),
          t.setDefaultVersion ? 'yes' : 'no',
        ])}
      />
      <Section
        title="SSM parameters"
        head={['Parameter', 'AMI account', 'Data type']}
        rows={(d.ssmParameterConfigurations ?? []).map((p) => [
          <code key="p">{p.parameterName}</code>,
          accountName(world, p.amiAccountId),
          p.dataType ?? 'text',
        ])}
      />
      <Section
        title="Export to S3"
        head={['Bucket', 'Prefix', 'Disk image format', 'Role']}
        rows={s3 ? [[s3.s3Bucket, s3.s3Prefix ?? '—', s3.diskImageFormat, s3.roleName]] : []}
      />
      <Section
        title="Fast launch (Windows)"
        head={['Account', 'Enabled', 'Max parallel launches', 'Pre-provisioned snapshots', 'Launch template']}
        rows={(d.fastLaunchConfigurations ?? []).map((f) => [
          accountName(world, f.accountId),
          f.enabled ? 'yes' : 'no',
          String(f.maxParallelLaunches ?? '—'),
          String(f.snapshotConfiguration?.targetResourceCount ?? '—'),
          f.launchTemplate
            ? `${f.launchTemplate.launchTemplateId ?? f.launchTemplate.launchTemplateName ?? ''} ${f.launchTemplate.launchTemplateVersion ? `v${f.launchTemplate.launchTemplateVersion}` : ''}`
            : '—',
        ])}
      />
      <Section
        title="License configurations"
        head={['License configuration', 'ARN']}
        rows={(d.licenseConfigurationArns ?? []).map((a) => [world?.licenseConfigurations.find((l) => l.arn === a)?.name ?? '—', <Id value={a} key={a} />])}
      />
      <Section
        title="Container target"
        head={['Repository', 'Service', 'Tags', 'Description']}
        rows={
          ctr
            ? [
                [
                  ctr.targetRepository?.repositoryName ?? '—',
                  ctr.targetRepository?.service ?? 'ECR',
                  (ctr.containerTags ?? []).join(', ') || '—',
                  ctr.description ?? '—',
                ],
              ]
            : []
        }
      />
    </article>
  );
}

export function SettingsDetail({ name }: { name: string }) {
  const { client, account, region } = useSession();
  const arn = settingsArn(account, region, name);
  const got = useLoad(
    async () => (await client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }))).distributionConfiguration!,
    [client, arn],
  );
  const [deleting, setDeleting] = useState(false);
  const crumbs = <Breadcrumbs items={[['Distribution settings', '/settings'], [name]]} />;
  if (got.loading && !got.data) return <Loading what="distribution settings" />;
  if (got.error)
    return (
      <>
        {crumbs}
        <ErrorBox title={`Cannot load ${name}`} error={got.error} />
      </>
    );
  const cfg = got.data!;
  return (
    <section>
      {crumbs}
      <header className="page-head">
        <h1>{cfg.name}</h1>
        <div className="actions">
          <Link className="button" to={`/plan?settings=${encodeURIComponent(cfg.arn!)}`}>
            Plan a distribution
          </Link>
          <Link className="button" to={`/settings/${encodeURIComponent(cfg.name!)}/edit`}>
            Edit
          </Link>
          <button className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </header>
      <dl className="facts card">
        <dt>ARN</dt>
        <dd>
          <Id value={cfg.arn} />
        </dd>
        <dt>Description</dt>
        <dd>{cfg.description || '—'}</dd>
        <dt>Regions</dt>
        <dd>
          <Words value={(cfg.distributions ?? []).map((d) => d.region).join(', ')} />
        </dd>
        <dt>Created</dt>
        <dd>{date(cfg.dateCreated)}</dd>
        <dt>Updated</dt>
        <dd>{date(cfg.dateUpdated)}</dd>
      </dl>
      {(cfg.distributions ?? []).map((d, i) => (
        <RegionCard key={`${d.region}-${i}`} d={d} owner={account} />
      ))}
      <TagsEditor arn={cfg.arn!} />
      {deleting ? <DeleteSettings arns={[cfg.arn!]} onClose={() => setDeleting(false)} onDone={() => navigate('/settings')} /> : null}
    </section>
  );
}
