// Simulated EC2 VM export, Windows fast launch and image block public access.
import { dryRunOperation, type Ec2Port, type ExportImageTask } from '../ports.js';
import { enter, fail, hexId, type Ctx, type Sim } from './sim.js';
import { priorResult, recordToken } from './tokens.js';
import { availableOwnedAmi, ownedAmi } from './amis.js';
import type { ExportTaskRec, AmiRec } from './records.js';
import { templateOf } from './ec2-templates.js';
import { fastLaunchCode, fastLaunchView } from './fast-launch.js';

type ExportPart = Pick<
  Ec2Port,
  'exportImage' | 'describeExportImageTasks' | 'enableFastLaunch' | 'describeFastLaunchImages' | 'getImageBlockPublicAccessState'
>;

const VMIE = 'vmie.amazonaws.com';

function taskView(sim: Sim, t: ExportTaskRec): ExportImageTask {
  const done = t.completed || t.completeAt <= sim.clock.now();
  return {
    exportImageTaskId: t.exportImageTaskId,
    imageId: t.imageId,
    status: done ? 'completed' : 'active',
    progress: done ? '100' : '0',
    ...(done ? {} : { statusMessage: 'validating' }),
    s3ExportLocation: { s3Bucket: t.s3Bucket, ...(t.s3Prefix !== undefined ? { s3Prefix: t.s3Prefix } : {}) },
    diskImageFormat: t.diskImageFormat,
  };
}

/** The VM Import/Export role must exist in the caller's account and trust vmie.amazonaws.com. */
function assertExportRole(sim: Sim, ctx: Ctx, roleName: string): void {
  const role = sim.state.accounts.get(ctx.accountId)?.roles.find((r) => r.name === roleName);
  if (!role || !role.trustedServices.includes(VMIE)) {
    throw fail(
      'ec2',
      'InvalidParameter',
      `The service role ${roleName} provided does not exist or does not have sufficient permissions: ${role ? `its trust policy does not trust ${VMIE}` : `account ${ctx.accountId} has no role named ${roleName}`}.`,
    );
  }
}

/** Export, fast launch and block-public-access operations of the simulated world. */
export function simulatedEc2Export(sim: Sim): ExportPart {
  return {
    async exportImage(scope, input) {
      const ctx = enter(sim, 'ec2', 'ExportImage', scope, input);
      const st = sim.state;
      const prior = priorResult(sim, ctx, 'ExportImage', input);
      if (prior) return { exportImageTaskId: prior, status: taskView(sim, st.exportTasks.get(prior)!).status };
      if (!['VMDK', 'RAW', 'VHD'].includes(input.diskImageFormat)) {
        throw fail('ec2', 'InvalidParameterValue', `Value (${input.diskImageFormat}) for parameter diskImageFormat is invalid: use VMDK, RAW or VHD.`);
      }
      const img = availableOwnedAmi(sim, ctx, input.imageId);
      assertExportRole(sim, ctx, input.roleName ?? 'vmimport');
      const bucket = st.buckets.get(input.s3ExportLocation.s3Bucket);
      if (!bucket) throw fail('s3', 'NoSuchBucket', `The specified bucket does not exist: ${input.s3ExportLocation.s3Bucket}.`);
      if (bucket.accountId !== ctx.accountId && !bucket.allowAccounts.includes(ctx.accountId)) {
        throw fail(
          's3',
          'AccessDenied',
          `Access Denied: bucket ${bucket.name} belongs to account ${bucket.accountId} and its policy does not allow account ${ctx.accountId}.`,
        );
      }
      if (input.dryRun) throw dryRunOperation();
      const task: ExportTaskRec = {
        accountId: ctx.accountId,
        region: ctx.region,
        exportImageTaskId: hexId('export-ami-'),
        imageId: img.imageId,
        s3Bucket: bucket.name,
        diskImageFormat: input.diskImageFormat,
        completeAt: sim.clock.now() + sim.config.timings.exportImageMs,
        completed: false,
      };
      if (input.s3ExportLocation.s3Prefix !== undefined) task.s3Prefix = input.s3ExportLocation.s3Prefix;
      st.repo.tx(() => {
        st.putExportTask(task);
        recordToken(sim, ctx, 'ExportImage', input, task.exportImageTaskId);
      });
      return { exportImageTaskId: task.exportImageTaskId, status: 'active' };
    },

    async describeExportImageTasks(scope, input) {
      const ctx = enter(sim, 'ec2', 'DescribeExportImageTasks', scope);
      const mine = (t: ExportTaskRec | undefined): t is ExportTaskRec => !!t && t.accountId === ctx.accountId && t.region === ctx.region;
      if (input.exportImageTaskIds?.length) {
        return {
          exportImageTasks: input.exportImageTaskIds.map((id) => {
            const t = sim.state.exportTasks.get(id);
            if (!mine(t)) throw fail('ec2', 'InvalidExportImageTaskId.NotFound', `The export image task ID '${id}' does not exist.`);
            return taskView(sim, t);
          }),
        };
      }
      return { exportImageTasks: [...sim.state.exportTasks.values()].filter(mine).map((t) => taskView(sim, t)) };
    },

    async enableFastLaunch(scope, input) {
      const ctx = enter(sim, 'ec2', 'EnableFastLaunch', scope, input);
      const img = availableOwnedAmi(sim, ctx, input.imageId);
      if (img.platform !== 'Windows') {
        throw fail('ec2', 'InvalidParameterValue', `Fast launch is supported only for Windows AMIs; image ${img.imageId} has platform ${img.platform}.`);
      }
      // EC2 removes the pre-provisioned snapshots before fast launch can be enabled again.
      if (fastLaunchCode(img.fastLaunch, sim.clock.now()) === 'disabling') {
        throw fail(
          'ec2',
          'IncorrectState',
          `Fast launch for image ${img.imageId} is being disabled; enable it again once DescribeFastLaunchImages no longer lists the image.`,
        );
      }
      const maxParallelLaunches = input.maxParallelLaunches ?? 6;
      if (!Number.isInteger(maxParallelLaunches) || maxParallelLaunches < 6) {
        throw fail('ec2', 'InvalidParameterValue', `maxParallelLaunches must be at least 6 (got ${maxParallelLaunches}).`);
      }
      const lt = input.launchTemplate;
      if (lt?.launchTemplateId) templateOf(sim, ctx, lt.launchTemplateId);
      else if (lt?.launchTemplateName) {
        const found = [...sim.state.launchTemplates.values()].some(
          (x) => x.accountId === ctx.accountId && x.region === ctx.region && x.name === lt.launchTemplateName,
        );
        if (!found)
          throw fail(
            'ec2',
            'InvalidLaunchTemplateName.NotFoundException',
            `The specified launch template, with name ${lt.launchTemplateName}, does not exist.`,
          );
      }
      if (input.dryRun) throw dryRunOperation();
      const now = sim.clock.now();
      const next: AmiRec = {
        ...img,
        fastLaunch: {
          enabledAt: now,
          readyAt: now + sim.config.timings.fastLaunchMs,
          targetResourceCount: input.snapshotConfiguration?.targetResourceCount ?? 5,
          maxParallelLaunches,
          launchTemplate: lt ?? null,
        },
      };
      sim.state.putAmi(next);
      return fastLaunchView(sim, next);
    },

    async describeFastLaunchImages(scope, input) {
      const ctx = enter(sim, 'ec2', 'DescribeFastLaunchImages', scope);
      const ids = input.imageIds?.length ? input.imageIds : [...sim.state.ownedAmiIds(ctx.accountId, ctx.region)];
      const imgs = ids.map((id) => (input.imageIds?.length ? ownedAmi(sim, ctx, id) : sim.state.amis.get(id)!));
      const now = sim.clock.now();
      return {
        fastLaunchImages: imgs.filter((i) => fastLaunchCode(i.fastLaunch, now) !== null && i.deregisteredAt === undefined).map((i) => fastLaunchView(sim, i)),
      };
    },

    async getImageBlockPublicAccessState(scope) {
      const ctx = enter(sim, 'ec2', 'GetImageBlockPublicAccessState', scope);
      const blocked = sim.state.accounts.get(ctx.accountId)?.imageBlockPublicAccess.includes(ctx.region);
      return { imageBlockPublicAccessState: blocked ? 'block-new-sharing' : 'unblocked' };
    },
  };
}
