// Strict auth (--strict-auth FILE): signatures are verified as AWS verifies them. The SDK, a
// hand-driven SigV4 signer (@smithy/signature-v4, what the SDK itself uses) and the AWS CLI
// (botocore's signer) must all be accepted with the right secret; wrong secrets, unknown keys,
// tampered bodies, stale dates and lying body hashes must not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  ImagebuilderClient,
  ListDistributionConfigurationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
} from '@aws-sdk/client-imagebuilder';
import { SignatureV4 } from '@smithy/signature-v4';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { errorOf } from '../helpers/server.js';

const KEY = 'AKIDEXAMPLE';
const SECRET = 'secret1';
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

let dir: string;
let strict: IbexServer;
let lenient: IbexServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-strict-'));
  const file = join(dir, 'credentials.json');
  writeFileSync(file, JSON.stringify({ credentials: [{ accessKeyId: KEY, secretAccessKey: SECRET, accountId: ACCOUNT }] }));
  writeFileSync(join(dir, 'aws-config'), '');
  writeFileSync(join(dir, 'aws-credentials'), '');
  strict = await startServer({ inMemory: true, port: 0, host: '127.0.0.1', logLevel: 'silent', strictAuthFile: file });
  lenient = await startServer({ inMemory: true, port: 0, host: '127.0.0.1', logLevel: 'silent' });
});
after(async () => {
  await strict.close();
  await lenient.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(accessKeyId = KEY, secretAccessKey = SECRET): ImagebuilderClient {
  return new ImagebuilderClient({ endpoint: strict.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId, secretAccessKey } });
}

function ami(name = 'app {{ imagebuilder:buildDate }}') {
  return [{ region: REGION, amiDistributionConfiguration: { name } }];
}

// --- a hand-driven signer and a raw HTTP client ------------------------------------------------

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: SourceData): string | Uint8Array =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** The Checksum interface @smithy/signature-v4 wants, over node:crypto (SHA-256, or HMAC-SHA-256 with a secret). */
class NodeSha256 {
  private readonly secret: string | Uint8Array | undefined;
  private h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytes(secret);
    this.h = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.fresh();
  }
}

/** A signer; `applyChecksum` adds a signed x-amz-content-sha256 header (off: the hash only enters the signature). */
function signer(secretAccessKey = SECRET, applyChecksum = false, service = 'imagebuilder'): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: KEY, secretAccessKey },
    region: REGION,
    service,
    sha256: NodeSha256,
    applyChecksum,
  });
}

interface RawResponse {
  status: number;
  errorType: string | undefined;
  body: Record<string, unknown>;
}

function rawSend(server: IbexServer, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const et = res.headers['x-amzn-errortype'];
          resolve({ status: res.statusCode ?? 0, errorType: Array.isArray(et) ? et[0] : et, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

interface SignOptions {
  signingDate?: Date;
  secret?: string;
  /** Replace the body after signing (a tampered request). */
  sendBody?: string;
  extraHeaders?: Record<string, string>;
  applyChecksum?: boolean;
  /** Query parameters to sign (sent as signed unless `sendQuery` replaces them). */
  query?: Record<string, string>;
  sendQuery?: Record<string, string>;
  /** Send to this (already-encoded) path instead of the signed one. */
  sendPath?: string;
  service?: string;
}

/** Signs a JSON request to the strict server with @smithy/signature-v4 and sends it. */
async function signedSend(method: string, path: string, body: string | undefined, opts: SignOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${strict.port}`,
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...opts.extraHeaders,
  };
  const signed = await signer(opts.secret, opts.applyChecksum, opts.service).sign(
    { method, protocol: 'http:', hostname: '127.0.0.1', port: strict.port, path, query: opts.query ?? {}, headers, ...(body !== undefined ? { body } : {}) },
    opts.signingDate ? { signingDate: opts.signingDate } : {},
  );
  const q = Object.entries(opts.sendQuery ?? opts.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const target = `${opts.sendPath ?? path}${q ? `?${q}` : ''}`;
  return rawSend(strict, method, target, signed.headers as Record<string, string>, opts.sendBody ?? body);
}

function createBody(name: string): string {
  return JSON.stringify({ name, distributions: ami(), clientToken: `tok-${name}` });
}

async function exists(name: string): Promise<boolean> {
  const out = await client().send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: [name] }] }));
  return (out.distributionConfigurationSummaryList ?? []).length > 0;
}

// --- the AWS CLI ---------------------------------------------------------------------------------

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function aws(args: string[], secret = SECRET, accessKey = KEY): Promise<CliResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return new Promise((resolve) => {
    execFile(
      'aws',
      ['imagebuilder', ...args, '--endpoint-url', strict.url, '--output', 'json'],
      {
        timeout: 60_000,
        env: {
          ...env,
          AWS_ACCESS_KEY_ID: accessKey,
          AWS_SECRET_ACCESS_KEY: secret,
          AWS_DEFAULT_REGION: REGION,
          AWS_CONFIG_FILE: join(dir, 'aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

// --- tests -------------------------------------------------------------------------------------

describe('strict auth', () => {
  it("accepts the SDK with the right secret and puts resources in the credential's account", async () => {
    const out = await client().send(new CreateDistributionConfigurationCommand({ name: 'strict-ok', distributions: ami() }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.distributionConfigurationArn, `arn:aws:imagebuilder:${REGION}:${ACCOUNT}:distribution-configuration/strict-ok`);
    const got = await client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: out.distributionConfigurationArn }));
    assert.equal(got.distributionConfiguration?.name, 'strict-ok');
    // The tag APIs carry the ARN percent-encoded in the path, which the signature covers too.
    await client().send(new TagResourceCommand({ resourceArn: out.distributionConfigurationArn, tags: { signed: 'yes' } }));
    const tags = await client().send(new ListTagsForResourceCommand({ resourceArn: out.distributionConfigurationArn }));
    assert.deepEqual(tags.tags, { signed: 'yes' });
  });

  it('rejects a wrong secret with InvalidSignatureException (403) and creates nothing', async () => {
    const err = await errorOf(() =>
      client(KEY, 'not-the-secret').send(new CreateDistributionConfigurationCommand({ name: 'strict-wrong', distributions: ami() })),
    );
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.match(err.message, /signature we calculated does not match/);
    assert.equal(await exists('strict-wrong'), false);
  });

  it('rejects an unknown access key with UnrecognizedClientException (403)', async () => {
    const err = await errorOf(() => client('AKIDUNKNOWN', SECRET).send(new ListDistributionConfigurationsCommand({})));
    assert.equal(err.name, 'UnrecognizedClientException');
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.equal(err.message, 'The security token included in the request is invalid.');
  });

  it('rejects a 12-digit access key that is not in the file (no default-mode fallback)', async () => {
    const err = await errorOf(() => client(ACCOUNT, SECRET).send(new ListDistributionConfigurationsCommand({})));
    assert.equal(err.name, 'UnrecognizedClientException');
    assert.equal(err.$metadata.httpStatusCode, 403);
  });

  it('accepts a request signed by hand, with and without x-amz-content-sha256 (control for the cases below)', async () => {
    for (const applyChecksum of [false, true]) {
      const name = `strict-hand-${applyChecksum}`;
      const r = await signedSend('PUT', '/CreateDistributionConfiguration', createBody(name), { applyChecksum });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.distributionConfigurationArn, `arn:aws:imagebuilder:${REGION}:${ACCOUNT}:distribution-configuration/${name}`);
    }
  });

  it('accepts a request signed 10 minutes ago (within the 15-minute window)', async () => {
    const r = await signedSend('PUT', '/CreateDistributionConfiguration', createBody('strict-recent'), {
      signingDate: new Date(Date.now() - 10 * 60_000),
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  });

  it('rejects a body changed after signing with InvalidSignatureException', async () => {
    const r = await signedSend('PUT', '/CreateDistributionConfiguration', createBody('strict-original'), {
      sendBody: createBody('strict-tampered'),
    });
    assert.equal(r.status, 403);
    assert.equal(r.errorType, 'InvalidSignatureException');
    assert.equal(r.body.__type, 'InvalidSignatureException');
    assert.match(String(r.body.message), /signature we calculated does not match/);
    assert.equal(await exists('strict-tampered'), false);
    assert.equal(await exists('strict-original'), false);
  });

  it('rejects a body changed after signing when the signer also sent its x-amz-content-sha256', async () => {
    const r = await signedSend('PUT', '/CreateDistributionConfiguration', createBody('strict-original2'), {
      sendBody: createBody('strict-tampered2'),
      applyChecksum: true,
    });
    assert.equal(r.status, 403);
    assert.equal(r.errorType, 'InvalidSignatureException');
    assert.equal(await exists('strict-tampered2'), false);
    assert.equal(await exists('strict-original2'), false);
  });

  it('rejects a request signed 20 minutes ago: "Signature expired"', async () => {
    const r = await signedSend('PUT', '/CreateDistributionConfiguration', createBody('strict-stale'), {
      signingDate: new Date(Date.now() - 20 * 60_000),
    });
    assert.equal(r.status, 403);
    assert.equal(r.errorType, 'InvalidSignatureException');
    assert.ok(String(r.body.message).startsWith('Signature expired'), String(r.body.message));
    assert.equal(await exists('strict-stale'), false);
  });

  it('rejects a request dated 20 minutes in the future: "Signature not yet current"', async () => {
    const r = await signedSend('POST', '/ListDistributionConfigurations', '{}', { signingDate: new Date(Date.now() + 20 * 60_000) });
    assert.equal(r.status, 403);
    assert.equal(r.errorType, 'InvalidSignatureException');
    assert.ok(String(r.body.message).startsWith('Signature not yet current'), String(r.body.message));
  });

  it('rejects an x-amz-content-sha256 that does not match the body, even when it is signed', async () => {
    const other = createHash('sha256').update('some other body').digest('hex');
    const r = await signedSend('PUT', '/CreateDistributionConfiguration', createBody('strict-sha'), {
      extraHeaders: { 'x-amz-content-sha256': other },
    });
    assert.equal(r.status, 403);
    assert.equal(r.errorType, 'InvalidSignatureException');
    assert.match(String(r.body.message), /x-amz-content-sha256/);
    assert.equal(await exists('strict-sha'), false);
  });

  it('accepts an x-amz-content-sha256 that matches the body', async () => {
    const body = createBody('strict-sha-ok');
    const r = await signedSend('PUT', '/CreateDistributionConfiguration', body, {
      extraHeaders: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  });

  describe('the signature covers the query string and the path', () => {
    let arn: string;
    before(async () => {
      arn = (await client().send(new CreateDistributionConfigurationCommand({ name: 'strict-query', distributions: ami(), tags: { k: 'v' } })))
        .distributionConfigurationArn!;
      await client().send(new CreateDistributionConfigurationCommand({ name: 'strict-query-other', distributions: ami() }));
    });

    it('accepts a signed GET with its query (control)', async () => {
      const r = await signedSend('GET', '/GetDistributionConfiguration', undefined, { query: { distributionConfigurationArn: arn } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal((r.body.distributionConfiguration as { arn: string }).arn, arn);
    });

    it('rejects a GET whose query was changed after signing', async () => {
      const r = await signedSend('GET', '/GetDistributionConfiguration', undefined, {
        query: { distributionConfigurationArn: arn },
        sendQuery: { distributionConfigurationArn: `${arn}-other` },
      });
      assert.equal(r.status, 403);
      assert.equal(r.errorType, 'InvalidSignatureException');
    });

    it('accepts a signed ListTagsForResource with the ARN percent-encoded in the path (control)', async () => {
      const r = await signedSend('GET', `/tags/${encodeURIComponent(arn)}`, undefined);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { tags: { k: 'v' } });
    });

    it('rejects a tag request whose path ARN was changed after signing', async () => {
      const r = await signedSend('GET', `/tags/${encodeURIComponent(arn)}`, undefined, {
        sendPath: `/tags/${encodeURIComponent(`${arn}-other`)}`,
      });
      assert.equal(r.status, 403);
      assert.equal(r.errorType, 'InvalidSignatureException');
    });
  });

  it('rejects a signature scoped to another service', async () => {
    const r = await signedSend('POST', '/ListDistributionConfigurations', '{}', { service: 's3' });
    assert.equal(r.status, 403);
    assert.equal(r.errorType, 'InvalidSignatureException');
    assert.match(String(r.body.message), /imagebuilder/);
  });

  it('answers a request without Authorization with MissingAuthenticationTokenException (403), in strict and default mode', async () => {
    for (const server of [strict, lenient]) {
      const r = await rawSend(server, 'POST', '/ListDistributionConfigurations', { 'content-type': 'application/json' }, '{}');
      assert.equal(r.status, 403);
      assert.equal(r.errorType, 'MissingAuthenticationTokenException');
      assert.equal(r.body.__type, 'MissingAuthenticationTokenException');
      assert.equal(typeof r.body.message, 'string');
    }
  });

  it('accepts the AWS CLI (botocore signer), including percent-encoded ARNs in the path and repeated tagKeys', async () => {
    const created = await aws(['create-distribution-configuration', '--name', 'strict-cli', '--distributions', JSON.stringify(ami()), '--tags', 'a=1,b=2,c=3']);
    assert.equal(created.code, 0, created.stderr);
    const arn = (JSON.parse(created.stdout) as { distributionConfigurationArn: string }).distributionConfigurationArn;
    assert.equal(arn, `arn:aws:imagebuilder:${REGION}:${ACCOUNT}:distribution-configuration/strict-cli`);

    const got = await aws(['get-distribution-configuration', '--distribution-configuration-arn', arn]);
    assert.equal(got.code, 0, got.stderr);
    assert.equal(JSON.parse(got.stdout).distributionConfiguration.arn, arn);

    const tagged = await aws(['tag-resource', '--resource-arn', arn, '--tags', 'd=4']);
    assert.equal(tagged.code, 0, tagged.stderr);

    const untagged = await aws(['untag-resource', '--resource-arn', arn, '--tag-keys', 'a', 'b']);
    assert.equal(untagged.code, 0, untagged.stderr);

    const tags = await aws(['list-tags-for-resource', '--resource-arn', arn]);
    assert.equal(tags.code, 0, tags.stderr);
    assert.deepEqual(JSON.parse(tags.stdout), { tags: { c: '3', d: '4' } });

    const listed = await aws(['list-distribution-configurations', '--filters', JSON.stringify([{ name: 'name', values: ['strict-cli'] }])]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      JSON.parse(listed.stdout).distributionConfigurationSummaryList.map((s: { arn: string }) => s.arn),
      [arn],
    );

    const deleted = await aws(['delete-distribution-configuration', '--distribution-configuration-arn', arn]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(await exists('strict-cli'), false);
  });

  it('rejects the AWS CLI with a wrong secret', async () => {
    const r = await aws(['list-distribution-configurations'], 'wrong-secret');
    assert.notEqual(r.code, 0);
    assert.ok(r.stderr.includes('An error occurred (InvalidSignatureException) when calling the ListDistributionConfigurations operation'), r.stderr);
  });
});
