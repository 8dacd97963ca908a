// Profiles ibex under one API load: starts the ibex child with --cpu-prof, drives it with
// autocannon, and prints the top self-time functions. Not part of `npm run bench`.
// Run: node --import tsx bench/profile.ts [get|list|create] [seconds]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from './lib/load.js';
import { startNodeChild } from './lib/procs.js';
import { authHeaders, ibexCall } from './lib/sigv4.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const op = process.argv[2] ?? 'get';
const seconds = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'ibex-prof-'));
const child = await startNodeChild('bench/lib/ibex-child.ts', [], ['--cpu-prof', '--cpu-prof-dir', dir]);
const ib = { ...authHeaders('imagebuilder'), 'content-type': 'application/json' };
const config = (name: string) => ({
  name,
  clientToken: name,
  distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'p {{ imagebuilder:buildDate }}' } }],
  tags: { env: 'bench' },
});
for (let i = 0; i < 30; i++) await ibexCall(child.url, 'PUT', '/CreateDistributionConfiguration', config(`seed-${i}`));
const arn = encodeURIComponent('arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/seed-0');
let n = 0;
const requests =
  op === 'list'
    ? [{ method: 'POST', path: '/ListDistributionConfigurations', headers: ib, body: '{}' }]
    : op === 'create'
      ? [
          {
            method: 'PUT',
            path: '/CreateDistributionConfiguration',
            headers: ib,
            setupRequest: (r: object) => ({ ...r, body: JSON.stringify(config(`p-${n++}`)) }),
          },
        ]
      : [{ method: 'GET', path: `/GetDistributionConfiguration?distributionConfigurationArn=${arn}`, headers: ib }];
const r = await load({ name: op, url: child.url, durationS: seconds, requests });
console.log(`${op}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, errors ${r.errors}`);
await child.stop();
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
const total = prof.nodes.reduce((a, x) => a + (x.hitCount ?? 0), 0);
const self = new Map<string, number>();
for (const x of prof.nodes) {
  const f = x.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (x.hitCount ?? 0));
}
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
rmSync(dir, { recursive: true, force: true });
