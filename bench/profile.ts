// Profiles ibex under one API load: starts the ibex child with --cpu-prof, drives it with
// autocannon, and prints the top self-time functions. Not part of `npm run bench`.
// Run: node --import tsx bench/profile.ts [get|list|create|world] [seconds]
// (`world`: one-id DescribeImages over the world benchmark's 100,000-AMI world.)
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from './lib/load.js';
import { startNodeChild } from './lib/procs.js';
import { authHeaders, ibexCall } from './lib/sigv4.js';
import { describeWorld, worldProbe } from './world-describe.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const op = process.argv[2] ?? 'get';
const seconds = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'ibex-prof-'));
const worldFile = join(dir, 'world.json');
if (op === 'world') writeFileSync(worldFile, JSON.stringify(describeWorld(125)));
const child = await startNodeChild('bench/lib/ibex-child.ts', op === 'world' ? ['--world', worldFile] : [], ['--cpu-prof', '--cpu-prof-dir', dir]);
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
  op === 'world'
    ? [worldProbe()]
    : op === 'list'
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
// Only the request path counts: samples under start-up (startServer, module loading) and idle
// time are left out, so the shares below are of the CPU the load itself cost.
const byId = new Map(prof.nodes.map((x) => [x.id, x]));
const keyOf = (x: ProfileNode) =>
  `${x.callFrame.functionName || '(anonymous)'} ${x.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${x.callFrame.lineNumber + 1}`;
const startup = (x: ProfileNode) =>
  x.callFrame.functionName === 'startServer' || x.callFrame.url.startsWith('node:internal/modules') || x.callFrame.functionName === '(idle)';
const self = new Map<string, number>();
const incl = new Map<string, number>();
let total = 0;
const walk = (id: number, onStack: Set<string>): number => {
  const x = byId.get(id)!;
  if (startup(x)) return 0;
  const k = keyOf(x);
  let t = x.hitCount ?? 0;
  total += t;
  self.set(k, (self.get(k) ?? 0) + t);
  const fresh = !onStack.has(k);
  if (fresh) onStack.add(k);
  for (const c of x.children ?? []) t += walk(c, onStack);
  if (fresh) {
    onStack.delete(k);
    incl.set(k, (incl.get(k) ?? 0) + t);
  }
  return t;
};
walk(prof.nodes[0]!.id, new Set());
console.log(`${total} samples on the request path; self time:`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log('\ninclusive (src/ only):');
for (const [k, v] of [...incl]
  .filter(([k]) => k.includes(' src/'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 30))
  console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
rmSync(dir, { recursive: true, force: true });
