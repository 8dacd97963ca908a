// Test helpers for the beyond-AWS admin API: JSON calls, waiting for a run, AMIs of an image.
import assert from 'node:assert/strict';

export async function call<T = Record<string, unknown>>(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  // State-changing admin requests must say JSON (the admin guard).
  const headers: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface RunView {
  runId: string;
  status: string;
  jobs: { key: string }[];
  steps: { key: string; status: string; errorCode?: string }[];
}

/** Polls GET /_ibex/runs/<id> until the run ended (bounded). */
export async function waitForRun(url: string, runId: string, timeoutMs = 15_000): Promise<RunView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await call<RunView>(url, 'GET', `/_ibex/runs/${runId}`);
    assert.equal(r.status, 200);
    if (r.body.status !== 'running') return r.body;
    if (Date.now() > until) throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

export interface WorldImage {
  imageId: string;
  accountId: string;
  region: string;
  state: string;
  tags: Record<string, string>;
  launchPermissions: { userIds: string[] };
}

/** The live AMIs the image made, as `region/account` → count. */
export async function amisOf(url: string, imageArn: string): Promise<Record<string, number>> {
  const w = (await call<{ images: WorldImage[] }>(url, 'GET', '/_ibex/world')).body;
  const out: Record<string, number> = {};
  for (const i of w.images) {
    if (i.tags.Ec2ImageBuilderArn !== imageArn || i.state === 'deregistered') continue;
    const k = `${i.region}/${i.accountId}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
