// The admin API's guard: a foreign Host (DNS rebinding), a foreign Origin or a non-JSON
// state-changing request is refused, always; with --strict-auth only admin credentials (SigV4 or
// a bearer token) get in; /_ibex/plan answers only for the caller's own account; binding to a
// non-loopback address without --strict-auth warns. Raw HTTP, so Host and Origin are ours to set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDistributionConfigurationCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../helpers/sha256.js';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { killAll, killHard, startChild } from '../helpers/process.js';

const ADMIN_KEY = 'AKIDADMIN';
const USER_KEY = 'AKIDUSER';
const TOKEN = 'admin-token-0123456789abcdef';
const ADMIN_ACCOUNT = '111122223333';
const USER_ACCOUNT = '444455556666';
let dir: string;
let open: IbexServer;
let strict: IbexServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-guard-'));
  const file = join(dir, 'credentials.yaml');
  writeFileSync(
    file,
    `credentials:\n  - { accessKeyId: ${ADMIN_KEY}, secretAccessKey: s-admin, accountId: "${ADMIN_ACCOUNT}", admin: true, adminToken: ${TOKEN} }\n  - { accessKeyId: ${USER_KEY}, secretAccessKey: s-user, accountId: "${USER_ACCOUNT}" }\n`,
  );
  open = await startServer({ inMemory: true, port: 0, host: '127.0.0.1', logLevel: 'silent' });
  strict = await startServer({ inMemory: true, port: 0, host: '127.0.0.1', logLevel: 'silent', strictAuthFile: file });
});
after(async () => {
  killAll();
  await open.close();
  await strict.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  json: Record<string, unknown>;
}
function raw(srv: IbexServer, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: srv.port,
        method,
        path,
        headers: { host: `127.0.0.1:${srv.port}`, ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function sigv4(srv: IbexServer, key: string, secret: string, method: string, path: string, body?: string): Promise<Record<string, string>> {
  const s = new SignatureV4({ credentials: { accessKeyId: key, secretAccessKey: secret }, region: 'us-east-1', service: 'imagebuilder', sha256: NodeSha256 });
  const headers: Record<string, string> = { host: `127.0.0.1:${srv.port}`, ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}) };
  const signed = await s.sign({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: srv.port,
    path,
    query: {},
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  return signed.headers as Record<string, string>;
}

const JSON_CT = { 'content-type': 'application/json' };

describe('admin guard, always on', () => {
  it('refuses a text/plain POST /_ibex/reset with Host and Origin evil.example (cross-site, DNS rebinding), changing nothing', async () => {
    assert.equal(
      (await raw(open, 'POST', '/_ibex/faults', JSON_CT, JSON.stringify({ service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded', times: 1 })))
        .status,
      200,
    );
    const r = await raw(open, 'POST', '/_ibex/reset', { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'text/plain' }, 'x');
    assert.equal(r.status, 403);
    assert.equal(r.json.__type, 'AccessDeniedException');
    assert.equal(
      r.json.message,
      "The Host 'evil.example' is not this server's; admin requests must use a loopback address, an IP address or the --public-url host.",
    );
    assert.equal(open.world.faults().length, 1, 'the world was not reset');
  });

  it('refuses reading the world through a rebound name (GET with a foreign Host)', async () => {
    const r = await raw(open, 'GET', '/_ibex/world', { host: `rebind.example:${open.port}` });
    assert.equal(r.status, 403);
    assert.equal(r.json.__type, 'AccessDeniedException');
  });

  it('refuses a state-changing request from a foreign Origin, also with the right Host and Content-Type', async () => {
    const r = await raw(open, 'POST', '/_ibex/reset', { origin: 'http://evil.example', ...JSON_CT });
    assert.equal(r.status, 403);
    assert.equal(r.json.message, "Cross-origin admin requests are refused (Origin 'http://evil.example').");
    const nul = await raw(open, 'DELETE', '/_ibex/faults', { origin: 'null', ...JSON_CT });
    assert.equal(nul.status, 403);
    assert.equal(open.world.faults().length, 1);
  });

  it('refuses a state-changing request that is not JSON (415), and takes YAML only on POST /_ibex/world', async () => {
    const r = await raw(open, 'POST', '/_ibex/timings', { 'content-type': 'text/plain' }, '{"copyImageMs":5}');
    assert.equal(r.status, 415);
    assert.equal(r.json.__type, 'UnsupportedMediaTypeException');
    assert.equal(r.json.message, "A state-changing admin request needs Content-Type: application/json; got 'text/plain'.");
    const none = await raw(open, 'POST', '/_ibex/reset', {});
    assert.equal(none.status, 415);
    const yaml = await raw(open, 'POST', '/_ibex/world', { 'content-type': 'application/yaml' }, 'timings: { copyImageMs: 7 }\n');
    assert.equal(yaml.status, 200, JSON.stringify(yaml.json));
    assert.equal(open.world.timings().copyImageMs, 7);
  });

  it("accepts the console's own requests: same Origin, loopback Host, JSON", async () => {
    const r = await raw(open, 'DELETE', '/_ibex/faults', { origin: `http://127.0.0.1:${open.port}`, ...JSON_CT });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(open.world.faults().length, 0);
    const local = await raw(open, 'GET', '/_ibex/faults', { host: `localhost:${open.port}` });
    assert.equal(local.status, 200);
  });

  it('answers /_ibex/plan only for the account a request names', async () => {
    const arn = 'arn:aws:imagebuilder:us-east-1:999988887777:distribution-configuration/theirs';
    const body = JSON.stringify({ distributionConfigurationArn: arn, sourceImage: 'ami-0aaaaaaaaaaaaaaaa' });
    const r = await raw(
      open,
      'POST',
      '/_ibex/plan',
      { ...JSON_CT, authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host, Signature=00' },
      body,
    );
    assert.equal(r.status, 403);
    assert.equal(r.json.message, `You can plan only with your own account's distribution configurations; '${arn}' belongs to 999988887777.`);
  });
});

describe('admin guard with --strict-auth', () => {
  it('refuses a request without credentials (403)', async () => {
    const r = await raw(strict, 'GET', '/_ibex/world', {});
    assert.equal(r.status, 403);
    assert.equal(r.json.__type, 'AccessDeniedException');
    assert.match(String(r.json.message), /needs admin credentials/);
    assert.equal((await raw(strict, 'GET', '/_ibex/health', {})).status, 200, 'health stays open');
  });

  it('refuses a valid SigV4 signature of a credential without the admin flag', async () => {
    const r = await raw(strict, 'GET', '/_ibex/faults', await sigv4(strict, USER_KEY, 's-user', 'GET', '/_ibex/faults'));
    assert.equal(r.status, 403);
    assert.equal(r.json.message, `The credential '${USER_KEY}' is not an admin credential (set admin: true in the credentials file).`);
  });

  it('refuses a wrong secret and a wrong bearer token', async () => {
    const bad = await raw(strict, 'GET', '/_ibex/faults', await sigv4(strict, ADMIN_KEY, 'wrong', 'GET', '/_ibex/faults'));
    assert.equal(bad.status, 403);
    assert.equal(bad.json.__type, 'InvalidSignatureException');
    const tok = await raw(strict, 'GET', '/_ibex/faults', { authorization: 'Bearer not-the-token-at-all' });
    assert.equal(tok.status, 403);
    assert.equal(tok.json.message, 'The bearer token is not an admin token of this server.');
  });

  it('lets an admin in by SigV4 and by bearer token', async () => {
    const body = JSON.stringify({ service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded', times: 1 });
    const signed = await raw(strict, 'POST', '/_ibex/faults', await sigv4(strict, ADMIN_KEY, 's-admin', 'POST', '/_ibex/faults', body), body);
    assert.equal(signed.status, 200, JSON.stringify(signed.json));
    const bearer = await raw(strict, 'DELETE', '/_ibex/faults', { authorization: `Bearer ${TOKEN}`, ...JSON_CT });
    assert.equal(bearer.status, 200, JSON.stringify(bearer.json));
    assert.equal(strict.world.faults().length, 0);
  });

  it("plans the admin's own configurations and refuses another account's", async () => {
    const client = new ImagebuilderClient({
      endpoint: strict.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: ADMIN_KEY, secretAccessKey: 's-admin' },
    });
    const own = (
      await client.send(
        new CreateDistributionConfigurationCommand({ name: 'mine', distributions: [{ region: 'us-east-1', amiDistributionConfiguration: {} }] }),
      )
    ).distributionConfigurationArn!;
    const world = strict.world.snapshot();
    const source = world.images.find((i) => i.region === 'us-east-1')!.imageId;
    const ok = await raw(
      strict,
      'POST',
      '/_ibex/plan',
      { authorization: `Bearer ${TOKEN}`, ...JSON_CT },
      JSON.stringify({ distributionConfigurationArn: own, sourceImage: source }),
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal(typeof ok.json.summary, 'object', 'a preflight report');
    const theirs = own.replace(ADMIN_ACCOUNT, USER_ACCOUNT);
    const no = await raw(
      strict,
      'POST',
      '/_ibex/plan',
      { authorization: `Bearer ${TOKEN}`, ...JSON_CT },
      JSON.stringify({ distributionConfigurationArn: theirs, sourceImage: source }),
    );
    assert.equal(no.status, 403);
    assert.equal(no.json.__type, 'AccessDeniedException');
  });
});

describe('binding', () => {
  it('warns when listening on a non-loopback address without --strict-auth', async () => {
    const child = await startChild(join(dir, 'data-bind'), { args: ['--host', '0.0.0.0', '--in-memory'] });
    assert.match(child.stderr(), /WARNING: listening on 0\.0\.0\.0 without --strict-auth/);
    await killHard(child);
  });
});
