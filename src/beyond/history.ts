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
  const rows = services.db
    .prepare<[string, string, string, string, string], { run_id: string }>(
      `SELECT run_id FROM distribution_runs WHERE account_id = ? AND region = ? AND (image_arn = ? OR substr(image_arn, 1, length(?) + 6) = ? || '#ibex:')
       ORDER BY start_time, attempt`,
    )
    .all(scope.accountId, scope.region, imageArn, imageArn, imageArn);
  return rows.map((r) => services.runs.getRun(scope, r.run_id)!);
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
  const rows = services.db
    .prepare<[string, string], { arn: string; body: string }>(
      "SELECT arn, body FROM images WHERE account_id = ? AND region = ? AND status = 'AVAILABLE' ORDER BY date_created DESC, build_number DESC",
    )
    .all(scope.accountId, scope.region);
  for (const r of rows) {
    const img = JSON.parse(r.body) as Image;
    if (img.distributionConfiguration?.arn === configArn) return { ...img, arn: r.arn };
  }
  return undefined;
}

/** Every distribution configuration with tags, in every account and Region. */
export function taggedConfigurations(services: CoreServices): { scope: Scope; arn: string; tags: Record<string, string> }[] {
  return services.db
    .prepare<[], { account_id: string; region: string; arn: string; tags: string }>(
      "SELECT account_id, region, arn, tags FROM resource_tags WHERE arn LIKE 'arn:%:imagebuilder:%:distribution-configuration/%' ORDER BY account_id, region, arn",
    )
    .all()
    .map((r) => ({ scope: { accountId: r.account_id, region: r.region }, arn: r.arn, tags: JSON.parse(r.tags) as Record<string, string> }));
}

/** A run of any image found by its id alone (run ids are UUIDs), with its steps' states. */
export function runById(
  services: CoreServices,
  runId: string,
): { run: RunRecord; steps: { key: string; jobKey: string; status: string; errorCode?: string; error?: string }[] } | undefined {
  const row = services.db
    .prepare<[string], { account_id: string; region: string }>('SELECT account_id, region FROM distribution_runs WHERE run_id = ?')
    .get(runId);
  if (!row) return undefined;
  const scope = { accountId: row.account_id, region: row.region };
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
