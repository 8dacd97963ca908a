// The operation scaffold: checks the operation against the service's model, writes the handler,
// its test and the registry entry (and the world model list) — and writes nothing on a bad call.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A throwaway copy of the files the scaffold reads and edits. */
function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'ibex-scaffold-'));
  roots.push(root);
  for (const f of ['model/imagebuilder-2019-12-02.model.json', 'tools/world-services.ts', 'src/services/ec2/index.ts', 'src/operations/index.ts']) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    cpSync(f, join(root, f));
  }
  mkdirSync(join(root, 'test/operations'), { recursive: true });
  mkdirSync(join(root, 'test/services'), { recursive: true });
  return root;
}

function run(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/scaffold-operation.ts', ...args, '--root', root], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('tools/scaffold-operation.ts', () => {
  it('scaffolds a world operation from the botocore model: handler, test, registry and model list', () => {
    const root = fixture();
    const r = run(root, 'ec2', 'DescribeSnapshots');
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /wrote src\/services\/ec2\/DescribeSnapshots\.ts/);
    const handler = readFileSync(join(root, 'src/services/ec2/DescribeSnapshots.ts'), 'utf8');
    assert.match(handler, /^\/\/ ec2 DescribeSnapshots: /);
    assert.match(handler, /export const DescribeSnapshots: WorldHandler = /);
    const index = readFileSync(join(root, 'src/services/ec2/index.ts'), 'utf8');
    assert.match(index, /import \{ DescribeSnapshots \} from '\.\/DescribeSnapshots\.js';/);
    assert.match(index, /EC2_HANDLERS: WorldHandlers = \{ DescribeSnapshots,/);
    assert.match(readFileSync(join(root, 'tools/world-services.ts'), 'utf8'), /name: 'ec2',[\s\S]*?operations: \[ 'DescribeSnapshots',/);
    const test = readFileSync(join(root, 'test/services/ec2-DescribeSnapshots.test.ts'), 'utf8');
    assert.match(test, /import \{ DescribeSnapshotsCommand \} from '@aws-sdk\/client-ec2';/);
    for (const section of ['serialization', 'validation', 'behaviour']) assert.match(test, new RegExp(`describe\\('${section}'`));
  });

  it('refuses an operation the model does not have, and one that exists, writing nothing', () => {
    const root = fixture();
    const before = readFileSync(join(root, 'src/services/ec2/index.ts'), 'utf8');
    const unknown = run(root, 'ec2', 'DescribeUnicorns');
    assert.equal(unknown.status, 2);
    assert.match(unknown.err, /DescribeUnicorns is not an operation of ec2's botocore model\./);
    const again = run(root, 'ec2', 'DescribeImages');
    assert.equal(again.status, 2);
    assert.match(again.err, /DescribeImages is registered already in src\/services\/ec2\/index\.ts\./);
    assert.equal(readFileSync(join(root, 'src/services/ec2/index.ts'), 'utf8'), before);
    assert.equal(existsSync(join(root, 'src/services/ec2/DescribeUnicorns.ts')), false);
    const usage = run(root, 'ec2');
    assert.equal(usage.status, 2);
    assert.match(usage.err, /^usage: /);
  });

  it("scaffolds an Image Builder operation that the registry still maps to null, checked against Image Builder's model", () => {
    const root = fixture();
    const indexPath = join(root, 'src/operations/index.ts');
    // Every operation is implemented today: the fixture takes one back out of the registry.
    writeFileSync(
      indexPath,
      readFileSync(indexPath, 'utf8')
        .replace(/^import \{ GetMarketplaceResource \} from .*\n/m, '')
        .replace(/^ {2}GetMarketplaceResource,$/m, '  GetMarketplaceResource: null,'),
    );
    const r = run(root, 'imagebuilder', 'GetMarketplaceResource');
    assert.equal(r.status, 0, r.err);
    const index = readFileSync(indexPath, 'utf8');
    assert.match(index, /import \{ GetMarketplaceResource \} from '\.\/GetMarketplaceResource\.js';/);
    assert.match(index, /^ {2}GetMarketplaceResource,$/m);
    assert.match(
      readFileSync(join(root, 'src/operations/GetMarketplaceResource.ts'), 'utf8'),
      /export const GetMarketplaceResource: Handler<'GetMarketplaceResource'> = /,
    );
    assert.ok(existsSync(join(root, 'test/operations/GetMarketplaceResource.test.ts')));
    const notInModel = run(root, 'imagebuilder', 'LaunchRocket');
    assert.equal(notInModel.status, 2);
    assert.match(notInModel.err, /LaunchRocket is not an operation of Image Builder's model/);
    const implemented = run(root, 'imagebuilder', 'GetImage');
    assert.equal(implemented.status, 2);
    assert.match(implemented.err, /GetImage has a handler already/);
  });
});
