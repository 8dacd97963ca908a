// Scaffolds a new AWS operation the way the repository lays one out (docs/contributing.md):
// the handler file named like the operation, its test file with the three sections, and the
// registry entry — after checking that the operation is in the service's model. For a world
// service it also adds the operation to tools/world-services.ts, so the next model import keeps
// its shapes. Usage:
//   node --import tsx tools/scaffold-operation.ts imagebuilder <Operation>
//   node --import tsx tools/scaffold-operation.ts <ec2|ssm|ecr|s3|sts|iam|kms|organizations|license-manager> <Operation>
// Options: --root DIR (the repository; default this one). Exit 2 on a usage error, nothing written.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export class ScaffoldError extends Error {}

const WORLD = ['ec2', 'ssm', 'ecr', 's3', 'sts', 'iam', 'kms', 'organizations', 'license-manager'];

/** The planned writes, so nothing is written unless every check passed. */
interface Write {
  path: string;
  text: string;
  create: boolean;
}

/** Files written, relative to `root`. */
export function scaffold(root: string, service: string, op: string, botocoreOps?: (service: string) => Set<string>): string[] {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(op)) throw new ScaffoldError(`"${op}" is not an operation name (UpperCamelCase, like DescribeImages).`);
  const writes = service === 'imagebuilder' ? imageBuilder(root, op) : world(root, service, op, botocoreOps ?? botocoreOperations);
  for (const w of writes) if (w.create && existsSync(w.path)) throw new ScaffoldError(`${relative(root, w.path)} exists already: ${op} is scaffolded.`);
  for (const w of writes) writeFileSync(w.path, w.text);
  return writes.map((w) => relative(root, w.path));
}

function imageBuilder(root: string, op: string): Write[] {
  const model = JSON.parse(readFileSync(join(root, 'model/imagebuilder-2019-12-02.model.json'), 'utf8')) as { operations: Record<string, unknown> };
  if (!model.operations[op]) throw new ScaffoldError(`${op} is not an operation of Image Builder's model (model/imagebuilder-2019-12-02.model.json).`);
  const indexPath = join(root, 'src/operations/index.ts');
  const index = readFileSync(indexPath, 'utf8');
  const entry = new RegExp(`^  ${op}: null,$`, 'm');
  if (!entry.test(index)) throw new ScaffoldError(`${op} has a handler already in src/operations/index.ts.`);
  const withImport = index.replace(/^(import type \{ Handler \} from '\.\/handler\.js';)$/m, `$1\nimport { ${op} } from './${op}.js';`);
  return [
    {
      path: join(root, `src/operations/${op}.ts`),
      create: true,
      text: `// ${op}: <what it does, and the AWS facts it follows: docs/reference/imagebuilder-facts.md §…>.
import type { Handler } from './handler.js';

export const ${op}: Handler<'${op}'> = async (input, ctx) => {
  // Constraints of the model are checked before this runs; cross-field rules go in a check().
  void input;
  return { requestId: ctx.requestId } as never; // <- replace with the operation's output
};
`,
    },
    { path: join(root, `test/operations/${op}.test.ts`), create: true, text: testFile(op, `@aws-sdk/client-imagebuilder`, `${op}Command`, `startTestServer`) },
    { path: indexPath, create: false, text: withImport.replace(entry, `  ${op},`) },
  ];
}

function world(root: string, service: string, op: string, botocoreOps: (service: string) => Set<string>): Write[] {
  if (!WORLD.includes(service)) throw new ScaffoldError(`"${service}" is not a service ibex serves: imagebuilder, ${WORLD.join(', ')}.`);
  if (!botocoreOps(service).has(op)) throw new ScaffoldError(`${op} is not an operation of ${service}'s botocore model.`);
  const dir = join(root, 'src/services', service);
  const indexPath = join(dir, 'index.ts');
  const index = readFileSync(indexPath, 'utf8');
  const registry = /(export const [A-Z0-9_]+_HANDLERS: WorldHandlers = \{)/;
  if (!registry.test(index)) throw new ScaffoldError(`no handler table in src/services/${service}/index.ts.`);
  if (new RegExp(`\\b${op}\\b`).test(index)) throw new ScaffoldError(`${op} is registered already in src/services/${service}/index.ts.`);
  const imports = [...index.matchAll(/^import .*;$/gm)];
  const last = imports.at(-1)!;
  const at = last.index! + last[0].length;
  const withImport = `${index.slice(0, at)}\nimport { ${op} } from './${op}.js';${index.slice(at)}`;
  const listPath = join(root, 'tools/world-services.ts');
  const list = readFileSync(listPath, 'utf8');
  const block = new RegExp(`(name: '${service}',[\\s\\S]*?operations: \\[)`);
  if (!block.test(list)) throw new ScaffoldError(`${service} is not in tools/world-services.ts.`);
  const listed = new RegExp(`name: '${service}',[\\s\\S]*?operations: \\[[^\\]]*'${op}'`).test(list);
  return [
    {
      path: join(dir, `${op}.ts`),
      create: true,
      text: `// ${service} ${op}: <what it does over the world, and the wire facts it follows: docs/reference/aws-world-apis.md>.
import { enter } from '../../cloud/simulated/sim.js';
import type { WorldHandler } from '../world-call.js';

export const ${op}: WorldHandler = async (input, call) => {
  // enter() applies the world's faults and timings and names the caller; throw WorldError for AWS's errors.
  const ctx = enter(call.sim, '${service}', '${op}', call.scope);
  void input;
  void ctx;
  return {}; // <- replace with the operation's output members
};
`,
    },
    {
      path: join(root, `test/services/${service}-${op}.test.ts`),
      create: true,
      text: testFile(op, `@aws-sdk/client-${service}`, `${op}Command`, `startTestServer`),
    },
    { path: indexPath, create: false, text: withImport.replace(registry, `$1 ${op},`) },
    ...(listed ? [] : [{ path: listPath, create: false, text: list.replace(block, `$1 '${op}',`) }]),
  ];
}

function testFile(op: string, pkg: string, command: string, start: string): string {
  return `// ${op} over HTTP with the AWS SDK v3 client: the wire shape, every constraint, the behaviour.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ${command} } from '${pkg}';
import { ${start}, type TestServer } from '../helpers/server.js';

let srv: TestServer;
before(async () => (srv = await ${start}()));
after(() => srv.close());

describe('${op}', () => {
  describe('serialization', () => {
    it('answers in the service\\'s wire format', async () => {
      void ${command};
      assert.fail('write this test: the request and response on the wire');
    });
  });
  describe('validation', () => {
    it('rejects input the model forbids with the modelled error', async () => {
      assert.fail('write this test: one per constraint, asserting the exact error');
    });
  });
  describe('behaviour', () => {
    it('changes the world as AWS does', async () => {
      assert.fail('write this test: the state after, read back through the API');
    });
  });
});
`;
}

/** The operation names of a service's botocore model, from the machine's AWS CLI. */
function botocoreOperations(service: string): Set<string> {
  const base = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  const found = execFileSync('python3', ['-c', `import glob;print(sorted(glob.glob(${JSON.stringify(`${base}/data/${service}/*/service-2.json*`)}))[-1])`], {
    encoding: 'utf8',
  }).trim();
  const raw = readFileSync(found);
  const model = JSON.parse((found.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as { operations: Record<string, unknown> };
  return new Set(Object.keys(model.operations));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const r = args.indexOf('--root');
  const root = r >= 0 ? args.splice(r, 2)[1]! : join(dirname(fileURLToPath(import.meta.url)), '..');
  const [service, op] = args;
  try {
    if (!service || !op || args.length !== 2) throw new ScaffoldError('usage: scaffold-operation.ts <imagebuilder|ec2|ssm|…> <Operation> [--root DIR]');
    for (const f of scaffold(root, service, op)) console.log(`wrote ${f}`);
    console.log(
      service === 'imagebuilder'
        ? 'next: write the handler and its tests (npm test -- test/operations/' + op + '.test.ts)'
        : 'next: node --import tsx tools/import-world-models.ts && npm run generate, then write the handler and its tests',
    );
  } catch (e) {
    if (!(e instanceof ScaffoldError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}
