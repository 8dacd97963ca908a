// `ibex serve --world FILE`: a bad world file stops the server with exit code 2 and a message
// naming the bad field and its line; a good one is served.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'ibex-world-file-'));

function serve(file: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--in-memory', '--port', '0', '--world', file], {
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('ibex serve --world', () => {
  it('exits 2 naming the bad field and its line', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'regions: [us-east-1]\naccounts:\n  - id: "123456789012"\n  - id: "12x"\n    name: broken\n');
    const r = serve(file);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.yaml:4: accounts\[1\]\.id: "12x" is not a 12-digit account id/);
  });

  it('exits 2 for a file that does not exist', () => {
    const r = serve(join(dir, 'missing.yaml'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read the world file/);
  });
});
