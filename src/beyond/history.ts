// What ibex has delivered for an image: its Image Builder runs plus the runs the beyond-AWS tools
// add to it (catch-up, repair), which carry the image ARN with a `#ibex:` suffix so that the
// image's AWS-shaped state (status, outputs, workflow executions) never sees them.
import type { Scope } from '../domain/scope.js';
import type { Image } from '../model/generated/types.js';
import type { CoreServices } from '../app/services.js';
import type { RunRecord } from '../engine/run-ports.js';
import type { StepRecord } from '../engine/step-inputs.js';

/** The run "image ARN" of an extra run for `imageArn`. */
export function extraRunArn(imageArn: string, purpose: 'catch-up' | 'repair' | 'rollback' | 'rollout', detail: string): string {
  return `${imageArn}#ibex:${purpose}:${detail}`;
}

/** Every run of the image, Image Builder's and ibex's own, oldest first. */
export function runsOf(services: CoreServices, scope: Scope, imageArn: string): RunRecord[] {
  return services.runPages.runIdsOfImageFamily(scope, imageArn).map((id) => services.runs.getRun(scope, id)!);
}

/** The latest succeeded output of every step key across the image's runs. */
export function deliveredSteps(services: CoreServices, scope: Scope, imageArn: string): Map<string, StepRecord> {
  const out = new Map<string, StepRecord>();
  for (const run of runsOf(services, scope, imageArn)) {
    for (const st of services.runs.steps(scope, run.runId)) if (st.status === 'succeeded') out.set(st.key, st);
  }
  return out;
}

/** The image record, with its ARN. */
export function imageOf(services: CoreServices, scope: Scope, imageArn: string): (Image & { arn: string }) | undefined {
  const img = services.images.get(scope, imageArn);
  return img ? { ...img, arn: imageArn } : undefined;
}

/** The newest AVAILABLE image of `scope` distributed with the settings `configArn`. */
export function latestImageWith(services: CoreServices, scope: Scope, configArn: string): (Image & { arn: string }) | undefined {
  return services.images.newestFirst(scope, { status: 'AVAILABLE' }).find((img) => img.distributionConfiguration?.arn === configArn);
}

/** Every distribution configuration with tags, in every account and Region. */
export function taggedConfigurations(services: CoreServices): { scope: Scope; arn: string; tags: Record<string, string> }[] {
  return services.tags.ofResourceType('distribution-configuration');
}

/** A run of any image found by its id alone (run ids are UUIDs), with its steps' states. */
export function runById(
  services: CoreServices,
  runId: string,
): { run: RunRecord; steps: { key: string; jobKey: string; status: string; errorCode?: string; error?: string }[] } | undefined {
  const scope = services.runPages.scopeOfRun(runId);
  if (!scope) return undefined;
  const run = services.runs.getRun(scope, runId)!;
  const steps = services.runs.steps(scope, runId).map((s) => ({
    key: s.key,
    jobKey: s.jobKey,
    status: s.status,
    ...(s.errorCode ? { errorCode: s.errorCode } : {}),
    ...(s.error ? { error: s.error } : {}),
  }));
  return { run, steps };
}
