// The rest-json wire protocol as AWS speaks it, checked with raw HTTP: routes, content types,
// malformed and mistyped bodies, oversized bodies, error encoding and request ids.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { handlers } from '../../src/operations/index.js';

let srv: TestServer;
before(async () => (srv = await startTestServer()));
after(() => srv.close());

const AUTH = 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host, Signature=00';

async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers: { authorization: AUTH, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function assertAwsError(r: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  assert.equal(r.status, status);
  assert.equal(r.headers.get('x-amzn-errortype'), code);
  assert.equal(r.body.__type, code);
  assert.equal(typeof r.body.message, 'string');
  assert.match(r.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
}

const validCreate = JSON.stringify({
  name: 'wire',
  clientToken: 't1',
  distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'a {{ imagebuilder:buildDate }}' } }],
});

describe('rest-json wire protocol', () => {
  it('implements every operation of the model: none answers "not implemented"', async () => {
    assert.deepEqual(
      Object.entries(handlers)
        .filter(([, h]) => h === null)
        .map(([n]) => n),
      [],
    );
    // The last ones to land (custom workflows) answer on their routes.
    const r = await call('PUT', '/CreateWorkflow', '{}');
    assertAwsError(r, 400, 'InvalidParameterValueException');
    assert.match(r.body.message as string, /^The value supplied for parameter '(name|semanticVersion|type)' is not valid\./);
  });

  it('answers an unknown path with UnknownOperationException (404), not an HTML page', async () => {
    const r = await call('GET', '/NoSuchOperation');
    assertAwsError(r, 404, 'UnknownOperationException');
  });

  it('answers a known path with the wrong method as an unknown operation', async () => {
    const r = await call('GET', '/CreateDistributionConfiguration');
    assertAwsError(r, 404, 'UnknownOperationException');
  });

  it('rejects malformed JSON with SerializationException', async () => {
    const r = await call('PUT', '/CreateDistributionConfiguration', '{"name": ');
    assertAwsError(r, 400, 'SerializationException');
  });

  it('rejects a body that is a JSON array', async () => {
    const r = await call('PUT', '/CreateDistributionConfiguration', '[]');
    assertAwsError(r, 400, 'SerializationException');
  });

  it('rejects a wrong JSON type and names the member', async () => {
    const r = await call('PUT', '/CreateDistributionConfiguration', JSON.stringify({ name: 5, clientToken: 't', distributions: [] }));
    assertAwsError(r, 400, 'SerializationException');
    assert.ok((r.body.message as string).includes("'name'"));
  });

  it('rejects a wrong nested JSON type with its indexed path', async () => {
    const body = JSON.stringify({
      name: 'x1',
      clientToken: 't',
      distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { targetAccountIds: '111122223333' } }],
    });
    const r = await call('PUT', '/CreateDistributionConfiguration', body);
    assertAwsError(r, 400, 'SerializationException');
    assert.ok((r.body.message as string).includes('distributions[0].amiDistributionConfiguration.targetAccountIds'));
  });

  it('rejects a non-JSON content type with 415', async () => {
    const r = await call('PUT', '/CreateDistributionConfiguration', validCreate, { 'content-type': 'text/plain' });
    assertAwsError(r, 415, 'UnsupportedMediaTypeException');
  });

  it('rejects a missing required member with InvalidParameterValueException naming it', async () => {
    const r = await call('PUT', '/CreateDistributionConfiguration', JSON.stringify({ name: 'x2', clientToken: 't' }));
    assertAwsError(r, 400, 'InvalidParameterValueException');
    assert.equal(r.body.message, "The value supplied for parameter 'distributions' is not valid. Member must not be null.");
  });

  it('rejects a non-integer maxResults in a List body', async () => {
    const r = await call('POST', '/ListDistributionConfigurations', JSON.stringify({ maxResults: 2.5 }));
    assertAwsError(r, 400, 'SerializationException');
  });

  it('rejects a body over 10 MiB with 413 and keeps serving', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x20);
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${srv.url}/CreateDistributionConfiguration`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'PUT',
          headers: { authorization: AUTH, 'content-type': 'application/json', 'content-length': big.length },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (e) => (String(e).includes('EPIPE') || String(e).includes('ECONNRESET') ? undefined : reject(e)));
      req.end(big);
    });
    assert.equal(status, 413);
    const ok = await call('PUT', '/CreateDistributionConfiguration', validCreate);
    assert.equal(ok.status, 200);
  });

  it('accepts GET and DELETE without a content type and echoes x-amzn-RequestId on success', async () => {
    const created = await call('PUT', '/CreateDistributionConfiguration', validCreate.replace('"wire"', '"wire-get"').replace('t1', 't2'));
    assert.equal(created.status, 200);
    const arn = created.body.distributionConfigurationArn as string;
    const got = await call('GET', `/GetDistributionConfiguration?distributionConfigurationArn=${encodeURIComponent(arn)}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.requestId, got.headers.get('x-amzn-requestid'));
    const del = await call('DELETE', `/DeleteDistributionConfiguration?distributionConfigurationArn=${encodeURIComponent(arn)}`);
    assert.equal(del.status, 200);
    assert.equal(del.body.distributionConfigurationArn, arn);
  });

  it('rejects a request without credentials with MissingAuthenticationTokenException (403)', async () => {
    const res = await fetch(`${srv.url}/ListDistributionConfigurations`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
  });

  it('serves /_ibex/health', async () => {
    const res = await fetch(`${srv.url}/_ibex/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; node: { id: string; pid: number; startedAt: string }; database: unknown; engine: unknown };
    assert.equal(body.status, 'ok');
    assert.match(body.node.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(body.node.pid, process.pid, 'this server runs in the test process');
    assert.ok(Date.parse(body.node.startedAt) <= Date.now());
    assert.deepEqual(body.database, { engine: 'sqlite', inMemory: true });
    assert.deepEqual(body.engine, { runs: 0, stepsInFlight: 0 });
    const again = (await (await fetch(`${srv.url}/_ibex/health`)).json()) as typeof body;
    assert.equal(again.node.id, body.node.id, 'one id per process');
  });
});
