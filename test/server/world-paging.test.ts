// GET /_ibex/world over HTTP with a world of a few thousand records: pages of one kind (every
// record once, in key order, equal to the snapshot's record), the accountId/region filters, a
// 400 for every bad parameter, the whole dump streamed byte-for-byte equal to the snapshot, and
// other requests answered while the dump is being written.
import assert from 'node:assert/strict';
import { request, type Server } from 'node:http';
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';
import { PAGE_KINDS, type PageKind } from '../../src/world/pages.js';
import { serveWorldRoutes } from '../world/routes-server.js';
import { openWorld, starterWorld, STARTER, type World, type WorldSnapshot, type WorldSpec } from '../../src/world/index.js';

const ACCOUNTS = 8;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-east-1'];
const PER_SCOPE = 100; // 8 × 4 × 100 = 3,200 AMIs, plus the starter world's
const acct = (i: number): string => String(300000000000 + i);

/** The starter world plus ACCOUNTS accounts with PER_SCOPE AMIs and 10 parameters in each of REGIONS. */
function bigWorld(): WorldSpec {
  const spec = starterWorld();
  let n = 0;
  for (let a = 0; a < ACCOUNTS; a++) {
    spec.accounts!.push({
      id: acct(a),
      name: `acct-${a}`,
      images: REGIONS.flatMap((region) =>
        Array.from({ length: PER_SCOPE }, (_, i) => ({
          region,
          // Ids not in creation order, so key order and snapshot order differ.
          imageId: `ami-${((n++ * 7919) % 1_000_003).toString(16).padStart(17, '0')}`,
          name: `img-${i}`,
          tags: { n: String(i) },
          ...(i % 3 === 0 ? { launchPermissions: { userIds: [acct((a + 1) % ACCOUNTS)] } } : {}),
        })),
      ),
      ssmParameters: REGIONS.flatMap((region) => Array.from({ length: 10 }, (_, i) => ({ region, name: `/p/${i}`, value: `v${i}` }))),
    });
  }
  return spec;
}

let server: Server;
let base: string;
let world: World;
let db: ReturnType<typeof openDatabase>;
/** What the server did, in order (for the interleaving test). */
const events: string[] = [];

before(async () => {
  db = openDatabase({ inMemory: true });
  world = openWorld({ rows: new SqliteWorldRows(db), spec: bigWorld(), clock: new ManualClock() });
  ({ server, base } = await serveWorldRoutes(world, (_req, res, url) => {
    const tag = url.searchParams.get('tag');
    if (tag) res.once('finish', () => events.push(`${tag} finished`));
  }));
});
after(() => new Promise<void>((r) => server.close(() => r())));

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

type Rec = Record<string, unknown>;

/** Every page of a kind (with `query` and maxResults `max`), asserting no page is over-full. */
async function allPages(kind: PageKind, query: string, max?: number): Promise<{ records: Rec[]; pages: number }> {
  const records: Rec[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const q = new URLSearchParams(query);
    q.set('kind', kind);
    if (max !== undefined) q.set('maxResults', String(max));
    if (token) q.set('nextToken', token);
    const r = await get(`/_ibex/world?${q.toString()}`);
    assert.equal(r.status, 200, r.text);
    const page = JSON.parse(r.text) as Rec & { nextToken?: string };
    const list = page[kind] as Rec[];
    assert.ok(list.length <= (max ?? 100), `page of ${list.length} > ${max ?? 100}`);
    if (page.nextToken) assert.equal(list.length, max ?? 100, 'a page before the last is full');
    records.push(...list);
    token = page.nextToken;
    pages++;
  } while (token);
  return { records, pages };
}

/** The key a kind's records are paged in: (account, Region, id), as the store orders it. */
function keyOf(kind: PageKind, r: Rec): string[] {
  const s = (k: string): string => String(r[k]);
  switch (kind) {
    case 'accounts':
      return [s('id'), '', s('id')];
    case 'organizations':
      return [s('managementAccountId'), '', s('id')];
    case 'images':
      return [s('accountId'), s('region'), s('imageId')];
    case 'launchTemplates':
      return [s('accountId'), s('region'), s('launchTemplateId')];
    case 'ecrRepositories':
      return [s('accountId'), s('region'), s('repositoryName')];
    case 's3Buckets':
      return [s('accountId'), s('region'), s('name')];
    case 's3Objects':
      return [s('accountId'), s('region'), `${s('bucket')}/${s('key')}`];
    case 'ssmParameters':
      return [s('accountId'), s('region'), s('name')];
    case 'exportTasks':
      return [s('accountId'), s('region'), s('exportImageTaskId')];
    case 'kmsKeys':
      return [s('accountId'), s('region'), s('keyId')];
    case 'licenseConfigurations':
      return [s('accountId'), s('region'), s('arn')];
  }
}

const cmpKeys = (a: string[], b: string[]): number => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return Buffer.compare(Buffer.from(a[i]!), Buffer.from(b[i]!));
  return 0;
};

/** The snapshot's records of a kind, in the pages' order. */
function expected(snap: WorldSnapshot, kind: PageKind): Rec[] {
  return [...(snap[kind] as unknown as Rec[])].sort((a, b) => cmpKeys(keyOf(kind, a), keyOf(kind, b)));
}

describe('GET /_ibex/world, paged', () => {
  it('pages every AMI exactly once, in key order, each equal to its snapshot record', async () => {
    const snap = world.snapshot();
    assert.ok(snap.images.length >= ACCOUNTS * REGIONS.length * PER_SCOPE);
    const { records, pages } = await allPages('images', '', 137);
    assert.equal(pages, Math.ceil(snap.images.length / 137));
    assert.equal(new Set(records.map((r) => r.imageId)).size, records.length, 'no AMI twice');
    assert.deepEqual(records, expected(snap, 'images'));
  });

  it('the default page is 100 records; maxResults=1000 is the largest', async () => {
    const first = JSON.parse((await get('/_ibex/world?kind=images')).text) as { images: Rec[]; nextToken: string };
    assert.equal(first.images.length, 100);
    assert.equal(typeof first.nextToken, 'string');
    const big = JSON.parse((await get('/_ibex/world?kind=images&maxResults=1000')).text) as { images: Rec[] };
    assert.equal(big.images.length, 1000);
    assert.deepEqual(big.images.slice(0, 100), first.images);
  });

  it('every kind pages to the snapshot, whole and narrowed by accountId and/or region', async () => {
    for (const query of ['', `accountId=${acct(3)}`, 'region=eu-west-1', `accountId=${acct(5)}&region=ap-east-1`, `accountId=${STARTER.devAccountId}`]) {
      const params = new URLSearchParams(query);
      const filter = Object.fromEntries(params) as { accountId?: string; region?: string };
      const snap = world.snapshot(filter);
      for (const kind of PAGE_KINDS) {
        const { records } = await allPages(kind, query, 250);
        assert.deepEqual(records, expected(snap, kind), `${kind} with '${query}'`);
      }
    }
    // The narrowed pages hold what the filter names, and something.
    const { records } = await allPages('images', `accountId=${acct(5)}&region=ap-east-1`);
    assert.equal(records.length, PER_SCOPE);
    assert.ok(records.every((r) => r.accountId === acct(5) && r.region === 'ap-east-1'));
    const params = await allPages('ssmParameters', 'region=us-west-2', 7);
    assert.ok(params.records.filter((r) => String(r.accountId).startsWith('3')).length === ACCOUNTS * 10);
    assert.ok(params.records.every((r) => r.region === 'us-west-2'));
  });

  it('a page sees records made after the first page, in their key place', async () => {
    const first = JSON.parse((await get(`/_ibex/world?kind=ssmParameters&accountId=${acct(7)}&maxResults=5`)).text) as { nextToken: string };
    world.merge(JSON.stringify({ accounts: [{ id: acct(7), ssmParameters: [{ region: 'us-east-1', name: '/z/late', value: 'x' }] }] }));
    const rest = await get(`/_ibex/world?kind=ssmParameters&accountId=${acct(7)}&maxResults=1000&nextToken=${encodeURIComponent(first.nextToken)}`);
    const names = (JSON.parse(rest.text) as { ssmParameters: Rec[] }).ssmParameters.map((p) => `${String(p.region)} ${String(p.name)}`);
    assert.ok(names.includes('us-east-1 /z/late'));
    assert.equal(names.length, REGIONS.length * 10 + 1 - 5);
  });

  it('a token still works after a restart over the same database', async () => {
    const first = JSON.parse((await get('/_ibex/world?kind=images&maxResults=3')).text) as { images: Rec[]; nextToken: string };
    const again = openWorld({ rows: new SqliteWorldRows(db), spec: bigWorld(), clock: new ManualClock() });
    const second = again.page({ kind: 'images', filter: {}, maxResults: 3, nextToken: first.nextToken });
    const all = again.page({ kind: 'images', filter: {}, maxResults: 6 });
    assert.deepEqual(
      second.images!.map((i) => i.imageId),
      all.images!.slice(3).map((i) => i.imageId),
    );
  });

  it('answers 400 {message} for every bad parameter, never a 500', async () => {
    const first = JSON.parse((await get(`/_ibex/world?kind=images&accountId=${acct(1)}&maxResults=2`)).text) as { nextToken: string };
    const token = first.nextToken;
    const [payload, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), after: ['0', '', ''] })).toString('base64url');
    const cases: [string, RegExp][] = [
      ['kind=amis', /kind 'amis' is not a kind of world record; use one of: accounts, organizations, images/],
      ['kind=', /kind '' is not a kind/],
      ['kind=images&maxResults=0', /maxResults must be a whole number from 1 to 1000, got '0'/],
      ['kind=images&maxResults=1001', /maxResults must be a whole number from 1 to 1000, got '1001'/],
      ['kind=images&maxResults=abc', /got 'abc'/],
      ['kind=images&maxResults=1.5', /got '1.5'/],
      ['kind=images&maxResults=', /got ''/],
      ['kind=images&maxResults=-5', /got '-5'/],
      ['kind=images&maxResults=99999999999999999999', /got '99999999999999999999'/],
      ['maxResults=10', /add kind/],
      [`nextToken=${encodeURIComponent(token)}`, /add kind/],
      ['kind=images&kind=accounts', /kind is given 2 times/],
      [`kind=images&accountId=${acct(1)}&nextToken=garbage`, /nextToken is not valid/],
      [`kind=images&accountId=${acct(1)}&nextToken=`, /nextToken is not valid/],
      [`kind=images&accountId=${acct(1)}&nextToken=${encodeURIComponent(`${forged}.${mac}`)}`, /nextToken is not valid/],
      [`kind=images&accountId=${acct(1)}&nextToken=${encodeURIComponent(`${payload}.${mac.slice(0, -2)}AA`)}`, /nextToken is not valid/],
      [
        `kind=ssmParameters&accountId=${acct(1)}&nextToken=${encodeURIComponent(token)}`,
        /nextToken was issued for kind=images, accountId=300000000001, region=\(none\), not kind=ssmParameters/,
      ],
      [`kind=images&accountId=${acct(2)}&nextToken=${encodeURIComponent(token)}`, /not kind=images, accountId=300000000002/],
      [`kind=images&nextToken=${encodeURIComponent(token)}`, /not kind=images, accountId=\(none\)/],
      [`kind=images&accountId=${acct(1)}&region=us-east-1&nextToken=${encodeURIComponent(token)}`, /region=us-east-1: repeat the first request/],
      ['kind=images&accountId=12', /accountId must be a 12-digit account id/],
      ['kind=images&region=mars-north-1', /region 'mars-north-1' is not a Region of this world/],
    ];
    for (const [query, message] of cases) {
      const r = await get(`/_ibex/world?${query}`);
      assert.equal(r.status, 400, `${query}: ${r.text}`);
      const body = JSON.parse(r.text) as { message: string };
      assert.deepEqual(Object.keys(body), ['message'], query);
      assert.match(body.message, message, query);
    }
    // The good token still works after all that.
    const ok = await get(`/_ibex/world?kind=images&accountId=${acct(1)}&maxResults=2&nextToken=${encodeURIComponent(token)}`);
    assert.equal(ok.status, 200);
  });
});

describe('GET /_ibex/world, the whole dump', () => {
  it('streams exactly the bytes of the snapshot, whole and narrowed, in chunks', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): number => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    for (const query of ['', `?accountId=${acct(2)}`, '?region=us-west-2', `?accountId=${acct(2)}&region=us-west-2`]) {
      const filter = Object.fromEntries(new URLSearchParams(query)) as { accountId?: string; region?: string };
      const r = await get(`/_ibex/world${query}`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/json');
      assert.equal(r.text, JSON.stringify(world.snapshot(filter)), `dump '${query}'`);
      if (query === '') {
        assert.equal(r.headers.get('transfer-encoding'), 'chunked');
        assert.ok(r.text.length > 1_000_000, 'the whole world is several chunks');
      }
    }
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    assert.deepEqual(warnings, [], 'no listener piles up on the response, chunk after chunk');
  });

  it('stops writing when the client goes away, and answers the next request', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(`${base}/_ibex/world`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    const next = await get('/_ibex/world?kind=accounts&maxResults=1000');
    assert.equal(next.status, 200);
    assert.deepEqual(JSON.parse(next.text), { accounts: world.snapshot().accounts });
  });

  it('POST /_ibex/world answers the merged world the same way', async () => {
    const res = await fetch(`${base}/_ibex/world`, { method: 'POST', body: JSON.stringify({ accounts: [{ id: acct(0), name: 'renamed' }] }) });
    const text = await res.text();
    assert.equal(res.status, 200);
    assert.equal(text, JSON.stringify(world.snapshot()));
    assert.equal((JSON.parse(text) as WorldSnapshot).accounts.find((a) => a.id === acct(0))?.name, 'renamed');
  });

  it('answers another request while the dump is being written', async () => {
    events.length = 0;
    // A connection made beforehand, so the page request is one write away when the dump begins.
    const port = (server.address() as AddressInfo).port;
    const other = connect(port, '127.0.0.1');
    await once(other, 'connect');
    let page = '';
    other.setEncoding('utf8').on('data', (c: string) => (page += c));
    const pageEnded = once(other, 'end');
    let dump = '';
    await new Promise<void>((resolve, reject) => {
      const req = request(`${base}/_ibex/world?tag=dump`, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (!dump) other.write('GET /_ibex/world?kind=accounts&tag=page HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
          dump += chunk;
        });
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    await pageEnded;
    assert.match(page, /^HTTP\/1.1 200 /);
    assert.deepEqual(events, ['page finished', 'dump finished']);
    assert.equal(dump, JSON.stringify(world.snapshot()));
  });
});
