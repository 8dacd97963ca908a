// Child-process entry for the scale benchmark: an ibex with N stored distribution configurations
// (inserted through the store, in one transaction, each with tags) in a temp data dir; measures
// List pages over HTTP (first page and pages at random positions) and prints JSON with RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/app.js';
import { percentile } from './stats.js';
import { authHeaders } from './sigv4.js';

const n = Number(process.argv[2]);
const samples = Number(process.argv[3] ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'ibex-scale-'));
const srv = await startServer({ dataDir: dir, port: 0, logLevel: 'silent' });
try {
  const scope = { accountId: '123456789012', region: 'us-east-1' };
  const id = (i: number) => `cfg-${String(i).padStart(7, '0')}`;
  const t0 = performance.now();
  srv.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const arn = `arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/${id(i)}`;
      srv.services.distributionConfigurations.insert(scope, {
        id: id(i),
        arn,
        name: id(i),
        description: 'scale',
        distributions: [
          { region: 'us-east-1', amiDistributionConfiguration: { name: 'x {{ imagebuilder:buildDate }}' } },
          { region: 'us-west-2', amiDistributionConfiguration: {} },
        ],
        dateCreated: new Date().toISOString(),
      });
      srv.services.tags.set(scope, arn, { env: 'scale', n: String(i) });
    }
  })();
  const insertMs = performance.now() - t0;
  const headers = { ...authHeaders('imagebuilder'), 'content-type': 'application/json' };
  const list = async (body: string) => {
    const s = performance.now();
    const res = await fetch(`${srv.url}/ListDistributionConfigurations`, { method: 'POST', headers, body });
    const out = (await res.json()) as { distributionConfigurationSummaryList?: unknown[] };
    if (!res.ok || out.distributionConfigurationSummaryList?.length !== 25) throw new Error(`List failed: ${res.status}`);
    return performance.now() - s;
  };
  for (let i = 0; i < 50; i++) await list('{}'); // warm-up
  const first: number[] = [];
  const random: number[] = [];
  for (let i = 0; i < samples; i++) {
    first.push(await list('{}'));
    // A page at a random position: the nextToken a client would hold there.
    const token = srv.services.pagination.encode({ names: null }, id(Math.floor(Math.random() * (n - 30))));
    random.push(await list(JSON.stringify({ nextToken: token })));
  }
  first.sort((a, b) => a - b);
  random.sort((a, b) => a - b);
  global.gc?.();
  process.stdout.write(
    `${JSON.stringify({
      n,
      insertMs,
      firstP50: percentile(first, 50),
      firstP99: percentile(first, 99),
      randomP50: percentile(random, 50),
      randomP99: percentile(random, 99),
      rssMb: process.memoryUsage().rss / 1048576,
    })}\n`,
  );
} finally {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
}
