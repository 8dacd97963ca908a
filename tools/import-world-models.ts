// Copies the botocore models of the services the simulated world answers (EC2, SSM, ECR, S3,
// STS, IAM, KMS, Organizations, License Manager) from the machine's AWS CLI into model/world/,
// trimmed to the operations ibex models and the shapes they reach. Run it by hand when the list
// changes: `node --import tsx tools/import-world-models.ts`; its output is committed data.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORLD_SERVICES } from './world-services.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const botocore = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
const version = execFileSync('python3', ['-c', 'import botocore;print(botocore.__version__)'], { encoding: 'utf8' }).trim();
mkdirSync(join(root, 'model/world'), { recursive: true });

type AnyShape = Record<string, any>;
for (const svc of WORLD_SERVICES) {
  const dir = join(botocore, 'data', svc.botocoreName, svc.apiVersion);
  const gz = join(dir, 'service-2.json.gz');
  const model = JSON.parse(existsSync(gz) ? gunzipSync(readFileSync(gz)).toString('utf8') : readFileSync(join(dir, 'service-2.json'), 'utf8'));
  const keep = new Set<string>();
  const visit = (name: string): void => {
    if (keep.has(name)) return;
    keep.add(name);
    const s: AnyShape = model.shapes[name];
    if (!s) throw new Error(`${svc.name}: no shape ${name}`);
    for (const m of Object.values<AnyShape>(s.members ?? {})) visit(m.shape);
    for (const k of ['member', 'key', 'value']) if (s[k]) visit(s[k].shape);
  };
  const operations: AnyShape = {};
  for (const op of svc.operations) {
    const o: AnyShape = model.operations[op];
    if (!o) throw new Error(`${svc.name}: no operation ${op} in ${dir}`);
    const { documentation: _d, documentationUrl: _u, ...rest } = o;
    operations[op] = rest;
    if (o.input) visit(o.input.shape);
    if (o.output) visit(o.output.shape);
    for (const e of o.errors ?? []) visit(e.shape);
  }
  const strip = (s: AnyShape): AnyShape => {
    const { documentation: _d, ...rest } = s;
    if (rest.members) rest.members = Object.fromEntries(Object.entries<AnyShape>(rest.members).map(([k, m]) => [k, (({ documentation: _x, ...r }) => r)(m)]));
    return rest;
  };
  const shapes = Object.fromEntries([...keep].sort().map((n) => [n, strip(model.shapes[n])]));
  const out = {
    source: `botocore ${version} data/${svc.botocoreName}/${svc.apiVersion}/service-2.json, trimmed by tools/import-world-models.ts`,
    metadata: model.metadata,
    operations,
    shapes,
  };
  writeFileSync(join(root, 'model/world', `${svc.name}.json`), JSON.stringify(out, null, 1) + '\n');
  console.log(`${svc.name}: ${Object.keys(operations).length} operations, ${keep.size} shapes`);
}
