// `ibex approve IMAGE_ARN` and `ibex reject IMAGE_ARN`: answer the image's workflow step waiting at
// a WaitForAction (ListWaitingWorkflowSteps, then SendWorkflowStepAction RESUME or STOP). With
// several waiting steps, --step names the one (by name or step execution id). A rollout's approval
// gate is such a step (`Approve-<ring>`); a rollout that waited before gates were workflow steps
// has none, and then they answer its gate through POST /_ibex/rollouts/<id>/approve|reject
// (--step may name the ring).
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { ListWaitingWorkflowStepsCommand, SendWorkflowStepActionCommand, type WorkflowStepExecution } from '@aws-sdk/client-imagebuilder';
import { CliError, admin, apiError, clientFor, clientOptions, endpointOf, regionOf, type ClientOptions } from '../connection.js';
import { ownerOf } from '../../client/index.js';
import type { Rollout } from '../../client/index.js';

interface StepActionOptions extends ClientOptions {
  reason?: string;
  step?: string;
}

/** Bound on ListWaitingWorkflowSteps pages followed. */
const MAX_PAGES = 40;

function stepActionCommand(name: 'approve' | 'reject', action: 'RESUME' | 'STOP', description: string): Command {
  return clientOptions(
    new Command(name)
      .description(description)
      .argument('<image-arn>', 'image build version ARN')
      .option('--reason <text>', 'why (recorded on the step; a rejection fails the image with it)')
      .option('--step <name-or-id>', 'the waiting step, when the image has more than one'),
  ).action(async (arn: string, o: StepActionOptions) => {
    const region = /^arn:[\w-]+:imagebuilder:([a-z0-9-]+):/.exec(arn)?.[1] ?? regionOf(o);
    const client = clientFor(o, region, /^\d{12}$/.test(ownerOf(arn)) ? ownerOf(arn) : undefined);
    try {
      const waiting: WorkflowStepExecution[] = [];
      let token: string | undefined;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await client.send(new ListWaitingWorkflowStepsCommand({ ...(token ? { nextToken: token } : {}) }));
        waiting.push(...(page.steps ?? []).filter((s) => s.imageBuildVersionArn === arn));
        token = page.nextToken;
        if (!token) break;
      }
      const chosen = o.step ? waiting.filter((s) => s.name === o.step || s.stepExecutionId === o.step) : waiting;
      if (chosen.length === 0 && (await answerRolloutGate(o, arn, action))) return;
      if (chosen.length === 0) throw new CliError(`no workflow step of ${arn} is waiting for an action${o.step ? ` under the name or id '${o.step}'` : ''}`);
      if (chosen.length > 1) {
        throw new CliError(
          `${arn} has ${chosen.length} waiting steps; choose one with --step: ${chosen.map((s) => `${s.name} (${s.stepExecutionId})`).join(', ')}`,
          2,
        );
      }
      const step = chosen[0]!;
      const out = await client.send(
        new SendWorkflowStepActionCommand({
          stepExecutionId: step.stepExecutionId,
          imageBuildVersionArn: arn,
          action,
          clientToken: randomUUID(),
          ...(o.reason ? { reason: o.reason } : {}),
        }),
      );
      if (o.json) process.stdout.write(`${JSON.stringify({ ...out, $metadata: undefined, action, stepName: step.name }, null, 2)}\n`);
      else
        process.stdout.write(
          `${action === 'RESUME' ? 'approved' : 'rejected'} step ${step.name} (${step.stepExecutionId}) of ${arn}${o.reason ? `: ${o.reason}` : ''}\n`,
        );
    } catch (e) {
      throw apiError(e, endpointOf(o));
    }
  });
}

/** Answers the approval gate of a rollout of `arn` waiting at one (true), or finds none (false). */
async function answerRolloutGate(o: StepActionOptions, arn: string, action: 'RESUME' | 'STOP'): Promise<boolean> {
  const { rollouts } = await admin<{ rollouts: Rollout[] }>(o, 'GET', '/_ibex/rollouts');
  const r = rollouts.find((x) => x.imageBuildVersionArn === arn && x.status === 'waiting-approval' && (!o.step || x.ringStates[x.current]?.name === o.step));
  if (!r) return false;
  const ring = r.ringStates[r.current]!.name;
  const verb = action === 'RESUME' ? 'approve' : 'reject';
  const out = await admin<Rollout>(
    o,
    'POST',
    `/_ibex/rollouts/${encodeURIComponent(r.rolloutId)}/${verb}`,
    JSON.stringify(o.reason !== undefined ? { reason: o.reason } : {}),
  );
  if (o.json) process.stdout.write(`${JSON.stringify({ action, rolloutId: r.rolloutId, ring, imageBuildVersionArn: arn, rollout: out }, null, 2)}\n`);
  else
    process.stdout.write(
      `${verb === 'approve' ? 'approved' : 'rejected'} the approval gate of ring ${ring} of rollout ${r.rolloutId} (${arn})${o.reason ? `: ${o.reason}` : ''}\n`,
    );
  return true;
}

export const approveCommand = (): Command =>
  stepActionCommand('approve', 'RESUME', "approve an image's workflow step waiting at a WaitForAction (or its rollout's approval gate): the workflow goes on");
export const rejectCommand = (): Command =>
  stepActionCommand(
    'reject',
    'STOP',
    "reject an image's workflow step waiting at a WaitForAction (or its rollout's approval gate): the step fails with the reason",
  );
