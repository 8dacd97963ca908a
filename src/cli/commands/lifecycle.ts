// `ibex lifecycle preview <lifecycle policy ARN>`: what the policy's next run would touch, as a dry
// run that changes nothing (GET /_ibex/lifecycle/preview, computed with the runner's own selection
// and per-AMI decision): each selected image with its action, and each output AMI with what the
// run would record — acted on, kept by an exclusion rule, failed, or already gone.
import { Command } from 'commander';
import { admin, clientOptions, type ClientOptions } from '../connection.js';
import { table } from '../render.js';

/** The preview as the admin route returns it (src/server/admin-lifecycle-preview.ts). */
export interface LifecyclePreviewView {
  lifecyclePolicyArn: string;
  status: string;
  evaluatedAt: string;
  images: {
    imageArn: string;
    version?: string;
    status?: string;
    action: string;
    skipped?: string;
    includeAmis: boolean;
    amis: { region: string; accountId: string; imageId: string; excluded?: string; failed?: string; done?: string }[];
  }[];
}

/** What the run would do to one AMI, in words. */
const amiOutcome = (a: LifecyclePreviewView['images'][number]['amis'][number], action: string): string =>
  a.excluded ? `kept: ${a.excluded}` : a.failed ? `would fail: ${a.failed}` : a.done ? `nothing to do: ${a.done}` : `would ${action}`;

/** The preview as text: a table of images and AMIs, then a one-line summary. */
export function formatLifecyclePreview(p: LifecyclePreviewView): string {
  const head = `Next run of ${p.lifecyclePolicyArn} (${p.status}) at ${p.evaluatedAt}`;
  if (p.images.length === 0) return `${head}\nThe next run would act on no image.`;
  const rows: string[][] = [];
  for (const i of p.images) {
    rows.push([i.imageArn, i.status ?? '', i.skipped ? `kept: ${i.skipped}` : `would ${i.action}${i.includeAmis ? '' : ' (the image only)'}`]);
    for (const a of i.amis) rows.push([`  ${a.imageId} ${a.region} ${a.accountId}`, '', amiOutcome(a, i.action)]);
  }
  const acting = p.images.filter((i) => !i.skipped);
  const amis = acting.reduce((n, i) => n + i.amis.filter((a) => !a.excluded && !a.failed && !a.done).length, 0);
  return `${head}\n${table(['RESOURCE', 'STATUS', 'NEXT RUN'], rows)}\n${acting.length} image(s) and ${amis} AMI(s) would be acted on.`;
}

export function lifecycleCommand(): Command {
  const preview = clientOptions(
    new Command('preview')
      .description("what a lifecycle policy's next run would touch (a dry run that changes nothing)")
      .argument('<policy-arn>', 'lifecycle policy ARN'),
  ).action(async (arn: string, o: ClientOptions) => {
    const p = await admin<LifecyclePreviewView>(o, 'GET', `/_ibex/lifecycle/preview?policy=${encodeURIComponent(arn)}`);
    process.stdout.write(o.json ? `${JSON.stringify(p, null, 2)}\n` : `${formatLifecyclePreview(p)}\n`);
  });
  return new Command('lifecycle').description('lifecycle policies: preview what the next run would touch').addCommand(preview);
}
