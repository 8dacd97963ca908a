// Plan: pick distribution settings and a source image, see the preflight per Region and account,
// then run the distribution and follow it on the image's page.
import { useState } from 'react';
import { DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { admin, errorText } from '../api';
import { navigate, usePath } from '../router';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { Words } from '../components/Id';
import { ErrorBox, Loading } from '../components/Status';
import { listAllSettings } from './SettingsList';
import { imagePath } from './Images';
import type { Snapshot } from '../world';

export interface PlanReport {
  imageName: string;
  sourceImageId: string;
  jobs: {
    key: string;
    region: string;
    accountId: string;
    title: string;
    outcome: 'ok' | 'fail';
    cause?: { code: string; message: string };
    warnings: string[];
  }[];
  summary: { jobs: number; ok: number; fail: number; warnings: number };
}

export function PlanTable({ report }: { report: PlanReport }) {
  const jobs = [...report.jobs].sort((a, b) => a.region.localeCompare(b.region) || a.accountId.localeCompare(b.accountId));
  return (
    <div>
      <p data-testid="plan-summary">
        {report.summary.jobs} jobs: {report.summary.ok} ok, {report.summary.fail} would fail, {report.summary.warnings} warnings
      </p>
      <div className="table-wrap" tabIndex={0}>
        <table aria-label="Plan">
          <thead>
            <tr>
              <th>Region</th>
              <th>Account</th>
              <th>Action</th>
              <th>Predicted outcome</th>
              <th>Cause</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.key} className={j.outcome === 'fail' ? 'row-fail' : ''}>
                <td className="nowrap">{j.region}</td>
                <td className="nowrap">{j.accountId}</td>
                <td>
                  <Words value={j.title} />
                </td>
                <td className={j.outcome === 'ok' ? 'state state-COMPLETED' : 'state state-FAILED'}>{j.outcome === 'ok' ? 'ok' : 'would fail'}</td>
                <td>
                  {j.cause ? <Words value={`${j.cause.code}: ${j.cause.message}`} /> : ''}
                  {j.warnings.map((w) => (
                    <div className="warning" key={w}>
                      ⚠ <Words value={w} />
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function PlanPage() {
  const { client, account, region } = useSession();
  const path = usePath();
  const initial = new URLSearchParams(path.split('?')[1] ?? '').get('settings') ?? '';
  const [settings, setSettings] = useState(initial);
  const [source, setSource] = useState('');
  const [report, setReport] = useState<PlanReport>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const options = useLoad(async () => {
    const [list, world] = await Promise.all([listAllSettings(client), admin<Snapshot>('GET', `/_ibex/world?region=${region}`)]);
    return { list, amis: world.images.filter((i) => i.state === 'available' && (i.accountId === account || i.launchPermissions?.userGroups?.includes('all'))) };
  }, [client]);

  async function preview() {
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      setReport(await admin<PlanReport>('POST', '/_ibex/plan', { distributionConfigurationArn: settings, sourceImage: source }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function run() {
    setBusy(true);
    try {
      const out = await client.send(
        new DistributeImageCommand({
          distributionConfigurationArn: settings,
          sourceImage: source,
          executionRole: 'EC2ImageBuilderDistributionRole',
          clientToken: crypto.randomUUID(),
        }),
      );
      navigate(imagePath(out.imageBuildVersionArn!));
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }
  if (options.loading && !options.data) return <Loading what="settings and images" />;
  if (options.error) return <ErrorBox error={options.error} />;
  return (
    <section>
      <Breadcrumbs items={[['Image Builder', '/settings'], ['Plan a distribution']]} />
      <h1>Plan a distribution</h1>
      <div className="row">
        <div className="field">
          <label htmlFor="plan-settings">Distribution settings</label>
          <select id="plan-settings" value={settings} onChange={(e) => (setSettings(e.target.value), setReport(undefined))}>
            <option value="">— choose —</option>
            {options.data!.list.map((s) => (
              <option key={s.arn} value={s.arn}>
                {s.name} ({(s.regions ?? []).join(', ')})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-source">Source image (AMI id, ssm:parameter or image ARN)</label>
          <input id="plan-source" list="plan-amis" value={source} onChange={(e) => (setSource(e.target.value), setReport(undefined))} />
          <datalist id="plan-amis">
            {options.data!.amis.map((i) => (
              <option key={i.imageId} value={i.imageId}>
                {i.name}
              </option>
            ))}
          </datalist>
        </div>
      </div>
      <div className="actions">
        <button onClick={preview} disabled={!settings || !source || busy}>
          Preview plan
        </button>
        <button className="primary" onClick={run} disabled={!report || busy}>
          {report?.summary.fail ? 'Run anyway' : 'Run distribution'}
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {report ? <PlanTable report={report} /> : null}
    </section>
  );
}
