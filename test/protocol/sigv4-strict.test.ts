// SigV4 in strict mode is as strict as AWS: the credential scope's date must be X-Amz-Date's
// date, `host` must be signed, a presigned URL lives X-Amz-Expires seconds (1–604800) and signs
// its body as AWS does outside S3. Each case is a real request to a real server, signed with
// @smithy/signature-v4 (the SDK's signer) and then altered where the case needs it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../helpers/sha256.js';
import { startServer, type IbexServer } from '../../src/server/app.js';

const KEY = 'AKIDSTRICT';
const SECRET = 'secret-strict';
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
let dir: string;
let srv: IbexServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-sigv4-'));
  const file = join(dir, 'credentials.json');
  writeFileSync(file, JSON.stringify({ credentials: [{ accessKeyId: KEY, secretAccessKey: SECRET, accountId: ACCOUNT }] }));
  srv = await startServer({ inMemory: true, port: 0, host: '127.0.0.1', logLevel: 'silent', strictAuthFile: file });
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const signer = new SignatureV4({ credentials: { accessKeyId: KEY, secretAccessKey: SECRET }, region: REGION, service: 'imagebuilder', sha256: NodeSha256 });

interface Raw {
  status: number;
  type: string | undefined;
  message: string;
}
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: srv.port,
        method,
        path,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const t = res.headers['x-amzn-errortype'];
          resolve({
            status: res.statusCode ?? 0,
            type: Array.isArray(t) ? t[0] : t,
            message: text ? String((JSON.parse(text) as { message?: string }).message ?? '') : '',
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const LIST = '{}';
const base = () => ({
  method: 'POST',
  protocol: 'http:',
  hostname: '127.0.0.1',
  port: srv.port,
  path: '/ListDistributionConfigurations',
  query: {},
  headers: { host: `127.0.0.1:${srv.port}`, 'content-type': 'application/json' },
  body: LIST,
});

async function signedHeaders(signingDate = new Date()): Promise<Record<string, string>> {
  return (await signer.sign(base(), { signingDate })).headers as Record<string, string>;
}

async function presigned(opts: { expiresIn?: number; signingDate?: Date; method?: string; path?: string; body?: string } = {}): Promise<string> {
  const req = {
    ...base(),
    method: opts.method ?? 'POST',
    path: opts.path ?? '/ListDistributionConfigurations',
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  };
  const p = await signer.presign(req, { expiresIn: opts.expiresIn ?? 300, ...(opts.signingDate ? { signingDate: opts.signingDate } : {}) });
  const q = Object.entries(p.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${p.path}?${q}`;
}

describe('SigV4 as strict as AWS', () => {
  it('accepts a correctly signed request (control)', async () => {
    const r = await send('POST', '/ListDistributionConfigurations', await signedHeaders(), LIST);
    assert.equal(r.status, 200, r.message);
  });

  it('rejects a credential scope dated another day than X-Amz-Date', async () => {
    const h = await signedHeaders();
    const today = h['x-amz-date']!.slice(0, 8);
    h.authorization = h.authorization!.replace(`/${today}/`, '/20200101/');
    const r = await send('POST', '/ListDistributionConfigurations', h, LIST);
    assert.equal(r.status, 403);
    assert.equal(r.type, 'InvalidSignatureException');
    assert.equal(
      r.message,
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20200101' != '${today}', from '${h['x-amz-date']}'.`,
    );
  });

  it('rejects a signature that does not sign host', async () => {
    const h = await signedHeaders();
    h.authorization = h.authorization!.replace(
      /SignedHeaders=([^,]+)/,
      (_m, list: string) =>
        `SignedHeaders=${list
          .split(';')
          .filter((x) => x !== 'host')
          .join(';')}`,
    );
    const r = await send('POST', '/ListDistributionConfigurations', h, LIST);
    assert.equal(r.status, 403);
    assert.equal(r.type, 'InvalidSignatureException');
    assert.equal(r.message, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('accepts a fresh presigned request (control)', async () => {
    const r = await send('POST', await presigned(), { 'content-type': 'application/json' }, LIST);
    assert.equal(r.status, 200, r.message);
  });

  it('rejects a presigned URL past its X-Amz-Expires: 1 second, signed 10 minutes ago', async () => {
    const r = await send(
      'POST',
      await presigned({ expiresIn: 1, signingDate: new Date(Date.now() - 10 * 60_000) }),
      { 'content-type': 'application/json' },
      LIST,
    );
    assert.equal(r.status, 403);
    assert.equal(r.type, 'InvalidSignatureException');
    assert.match(r.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 1 sec\.\)$/);
  });

  it('honours a long X-Amz-Expires: signed an hour ago, valid for two', async () => {
    const r = await send(
      'POST',
      await presigned({ expiresIn: 7200, signingDate: new Date(Date.now() - 3600_000) }),
      { 'content-type': 'application/json' },
      LIST,
    );
    assert.equal(r.status, 200, r.message);
  });

  it('rejects X-Amz-Expires above 604800 and below 1', async () => {
    const long = (await presigned()).replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604801');
    const r = await send('POST', long, { 'content-type': 'application/json' }, LIST);
    assert.equal(r.status, 403);
    assert.equal(r.type, 'InvalidSignatureException');
    assert.equal(r.message, 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds');
    const zero = (await presigned()).replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=0');
    const z = await send('POST', zero, { 'content-type': 'application/json' }, LIST);
    assert.equal(z.status, 403);
    assert.equal(z.message, "X-Amz-Expires must be a whole number of seconds from 1 to 604800; got '0'.");
  });

  it("signs a presigned PUT's body: the signed body is accepted, a swapped one is not and creates nothing", async () => {
    const body = (name: string) => JSON.stringify({ name, distributions: [{ region: REGION, amiDistributionConfiguration: {} }], clientToken: `t-${name}` });
    const ok = await presigned({ method: 'PUT', path: '/CreateDistributionConfiguration', body: body('presigned-ok') });
    assert.equal((await send('PUT', ok, { 'content-type': 'application/json' }, body('presigned-ok'))).status, 200);
    const url = await presigned({ method: 'PUT', path: '/CreateDistributionConfiguration', body: body('presigned-a') });
    const r = await send('PUT', url, { 'content-type': 'application/json' }, body('presigned-b'));
    assert.equal(r.status, 403);
    assert.equal(r.type, 'InvalidSignatureException');
    assert.equal(srv.services.distributionConfigurations.get({ accountId: ACCOUNT, region: REGION }, 'presigned-b'), undefined);
  });
});
