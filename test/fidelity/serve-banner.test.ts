// Regression (#20): `ibex serve` says where the API and the console are, summarises the starter
// world (accounts, Regions, a source image to distribute) and logs requests only when asked.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../helpers/process.js';
import { starterImageId } from '../../src/world/index.js';

const procs: ChildProcess[] = [];
after(() => procs.forEach((p) => p.exitCode === null && p.kill('SIGKILL')));

/** Starts `ibex serve --in-memory` with `args`, waits for its banner, makes one API request, stops it. */
async function serveOnce(args: string[]): Promise<{ stdout: string; stderr: string; url: string }> {
  const port = await freePort();
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--in-memory', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(p);
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  p.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise((r) => p.once('exit', r));
  for (let i = 0; i < 300 && !/\n {2}logs|\n {2}try/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
  const url = `http://127.0.0.1:${port}`;
  const res = await fetch(`${url}/ListDistributionConfigurations`, {
    method: 'POST',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host, Signature=x',
      'content-type': 'application/json',
    },
    body: '{}',
  });
  assert.equal(res.status, 200);
  p.kill('SIGTERM');
  await exited;
  return { stdout, stderr, url };
}

describe('ibex serve', () => {
  it('prints the console URL, the endpoint variable and the starter world, and no request logs by default', async () => {
    const { stdout, stderr, url } = await serveOnce([]);
    assert.match(stderr, new RegExp(`^ibex listening on ${url}\n {2}console {2}${url}/`));
    assert.match(stderr, new RegExp(`\n {2}API {6}export AWS_ENDPOINT_URL_IMAGEBUILDER=${url} `));
    assert.match(stderr, /\n {2}world {4}the starter world: 7 Regions, accounts [^\n]*management 123456789012[^\n]*; 189 Amazon parent AMIs\n/);
    assert.ok(stderr.includes(`a source image to distribute: ${starterImageId('us-east-1', 'Linux')}`), stderr);
    assert.match(stderr, /--log-requests logs every request/);
    assert.doesNotMatch(stdout, /"msg":"request"/);
  });

  it('logs one line per request with --log-requests', async () => {
    const { stdout, stderr } = await serveOnce(['--log-requests']);
    assert.doesNotMatch(stderr, /\n {2}logs/);
    const line = stdout.split('\n').find((l) => l.includes('"msg":"request"'));
    assert.ok(line, stdout);
    assert.equal(JSON.parse(line!).operation, 'ListDistributionConfigurations');
  });
});
