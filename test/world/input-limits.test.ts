// Bounds on admin and world inputs, each a clear 4xx that changes nothing: JSON nested 100,000
// deep, a YAML alias bomb, oversized bodies, timings beyond a day, fault counts beyond a million,
// distributions to Regions the world does not have; and an HTTP request followed by stray bytes
// answered exactly once, correctly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { CreateDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { testWorld } from '../helpers/world.js';

let srv: TestServer;
before(async () => {
  srv = await startTestServer({ worldSpec: testWorld() });
});
after(() => srv.close());

async function post(path: string, body: string, type = 'application/json'): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

/** Writes raw bytes on one connection and returns everything the server sent before closing. */
function rawExchange(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(srv.port, '127.0.0.1', () => s.end(bytes));
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('utf8')));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

describe('admin input limits', () => {
  it('answers JSON nested 100,000 deep with a 400, timings unchanged', async () => {
    const before = srv.world.timings();
    const r = await post('/_ibex/timings', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    assert.equal(r.status, 400);
    assert.equal(r.json.message, 'The request body nests deeper than 64 levels.');
    assert.deepEqual(srv.world.timings(), before);
  });

  it('answers a YAML alias bomb with a 400 naming the alias limit', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const p = i === 0 ? 'a' : String.fromCharCode(98 + i - 1);
        const n = String.fromCharCode(98 + i);
        return `${n}: &${n} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`;
      }),
    ].join('\n');
    const r = await post('/_ibex/world', bomb, 'application/yaml');
    assert.equal(r.status, 400);
    assert.match(String(r.json.message), /the document cannot be expanded: .*alias.* \(at most 100 alias uses\)/i);
  });

  it('answers an admin body over 1 MiB with a 413', async () => {
    const r = await post('/_ibex/timings', JSON.stringify({ copyImageMs: 1, pad: 'x'.repeat(1024 * 1024) }));
    assert.equal(r.status, 413);
    assert.match(String(r.json.message), /^The request body is \d+ bytes; admin requests take at most 1048576\.$/);
  });

  it('bounds timings to one day: 1e308 and 86400001 are 400s, 86400000 is taken', async () => {
    for (const v of [1e308, 86_400_001]) {
      const r = await post('/_ibex/timings', JSON.stringify({ copyImageMs: v }));
      assert.equal(r.status, 400);
      assert.match(String(r.json.message), /copyImageMs: must be a whole number of milliseconds from 0 to 86400000 \(one day\)/);
    }
    const ok = await post('/_ibex/timings', JSON.stringify({ copyImageMs: 86_400_000 }));
    assert.equal(ok.status, 200);
    assert.equal(srv.world.timings().copyImageMs, 86_400_000);
    await post('/_ibex/timings', JSON.stringify({ copyImageMs: 0 }));
    const world = await post('/_ibex/world', 'timings: { buildMs: 1e308 }\n', 'application/yaml');
    assert.equal(world.status, 400);
  });

  it("bounds a fault rule's times to a million", async () => {
    const r = await post('/_ibex/faults', JSON.stringify({ service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded', times: 1e9 }));
    assert.equal(r.status, 400);
    assert.match(String(r.json.message), /times: must be a whole number from 1 to 1000000, got 1000000000/);
  });
});

describe('distributions per configuration', () => {
  it('refuses a Region the world does not have, naming it (10,000 made-up Regions never stored)', async () => {
    const c = srv.client();
    const e = await errorOf(() =>
      c.send(
        new CreateDistributionConfigurationCommand({
          name: 'made-up',
          distributions: Array.from({ length: 10_000 }, (_, i) => ({ region: `xx-fake-${i + 1}`, amiDistributionConfiguration: {} })),
        }),
      ),
    );
    assert.equal(e.name, 'InvalidParameterValueException');
    assert.equal(
      e.message,
      "The value supplied for parameter 'distributions[0].region' is not valid. The Region 'xx-fake-1' does not exist in this ibex world (its Regions: us-east-1, us-west-2, eu-west-1, ap-east-1).",
    );
    const one = await errorOf(() =>
      c.send(
        new CreateDistributionConfigurationCommand({
          name: 'one-unknown',
          distributions: [
            { region: 'us-east-1', amiDistributionConfiguration: {} },
            { region: 'eu-central-1', amiDistributionConfiguration: {} },
          ],
        }),
      ),
    );
    assert.equal(
      one.message,
      "The value supplied for parameter 'distributions[1].region' is not valid. The Region 'eu-central-1' does not exist in this ibex world (its Regions: us-east-1, us-west-2, eu-west-1, ap-east-1).",
    );
    assert.equal(srv.services.distributionConfigurations.count({ accountId: '123456789012', region: 'us-east-1' }), 0);
  });
});

describe('HTTP framing', () => {
  const auth = 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host, Signature=00';
  it('answers a Connection: close request followed by stray bytes exactly once, with its own 200', async () => {
    const out = await rawExchange(
      `POST /ListDistributionConfigurations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}EXTRA BYTES THAT ARE NOT HTTP\r\n\r\n`,
    );
    assert.equal(out.match(/HTTP\/1\.1 /g)?.length, 1, out);
    assert.match(out, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(out, /"distributionConfigurationSummaryList":\[\]/);
  });

  it('answers two pipelined requests in order, each once', async () => {
    const out = await rawExchange(
      `GET /_ibex/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /_ibex/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    const statuses = [...out.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    assert.deepEqual(statuses, ['200', '200']);
    assert.ok(out.indexOf('"status":"ok"') < out.indexOf('"faults"'), 'in order');
  });

  it('answers bytes that are not HTTP with a JSON 400', async () => {
    const out = await rawExchange('THIS IS NOT HTTP\r\n\r\n');
    assert.match(out, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(out, /\{"__type":"SerializationException","message":"The request is not valid HTTP\/1\.1 \(HPE_[A-Z_]+\)\."\}$/);
  });
});
