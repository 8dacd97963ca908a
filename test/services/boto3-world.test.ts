// boto3 cross-check: a Python client (botocore's own serializers, parsers and paginators, not the
// JS SDK's) sets the world up as the owner and checks it as a member and an outsider —
// describe-images visibility, get-parameter (also SecureString), S3 Range and both listings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
before(async () => (srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() })));
after(() => srv?.close());

const script = fileURLToPath(new URL('./fixtures/boto3-world.py', import.meta.url));
// No AWS_* from the environment (profiles, endpoints) may leak into the Python client.
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

describe('boto3 against ibex', () => {
  it('sets up as the owner and sees exactly the shares as the member; the outsider sees nothing', async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
      execFile('python3', [script, srv.url, FX.owner, FX.member, FX.outsider], { env, timeout: 120_000 }, (e, stdout, stderr) =>
        e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve({ stdout }),
      ),
    );
    const r = JSON.parse(stdout) as Record<string, unknown>;
    const ami = r.ami as string;
    assert.match(ami, /^ami-[0-9a-f]{17}$/);
    assert.deepEqual(r.memberShared, [ami]);
    assert.deepEqual(r.memberById, [ami]);
    assert.deepEqual(r.memberOwnsNone, []);
    assert.deepEqual(r.outsiderById, ['InvalidAMIID.NotFound', 400]);
    assert.deepEqual(r.ownerTags, [['team', 'b']]);
    assert.equal(r.param, ami);
    assert.equal(r.secretSealed, true);
    assert.equal(r.secret, 's3cr3t');
    assert.deepEqual(r.history, [
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    assert.deepEqual(r.paramMissing, ['ParameterNotFound', 400]);
    assert.deepEqual(r.range, [206, '234', 'bytes 2-4/10']);
    assert.deepEqual(r.rangePastEnd, ['InvalidRange', 416]);
    assert.deepEqual(r.listV1, ['dir/b.txt', 'dir/one two.txt', 'top.txt']);
    assert.deepEqual(r.listV2, ['dir/b.txt', 'dir/one two.txt']);
    assert.deepEqual(r.noSuchKey, ['NoSuchKey', 404]);
    assert.equal(r.callerIdentity, FX.member);
  });
});
