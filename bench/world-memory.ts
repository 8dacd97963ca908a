// Memory of the simulated world per AMI: the JS heap (after a full GC) and RSS that N AMIs add,
// made as a distribution makes them (CopyImage into 50 accounts × the starter world's 7 Regions, tagged, some shared
// with another account) and again after a restart, when the world is rebuilt from its SQLite rows.
// Then the same for a world file of N AMIs (bench/world-describe.ts's world: 50 accounts × 16
// Regions, shared five ways), loaded by `openWorld` and again after a restart.
// Run: node --expose-gc --import tsx bench/world-memory.ts [N=100000]   (a file database in a temp dir)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/sqlite/db.js';
import { SqliteWorldRows } from '../src/store/sqlite/world-rows.js';
import { openWorld, STARTER, starterImageId, ZERO_TIMINGS, type World, type WorldSpec } from '../src/world/index.js';
import { describeWorld } from './world-describe.js';

const N = Number(process.argv[2] ?? 100_000);
const ACCOUNTS = 50;
const REGIONS = [...STARTER.regions]; // the starter world's
const acct = (i: number): string => String(400000000000 + i);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
function heap(): { heap: number; rss: number } {
  for (let i = 0; i < 4; i++) gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

async function fill(world: World): Promise<void> {
  const source = starterImageId('us-east-1', 'Linux');
  for (let i = 0; i < N; i++) {
    const accountId = acct(i % ACCOUNTS);
    const region = REGIONS[Math.floor(i / ACCOUNTS) % REGIONS.length]!;
    const scope = { accountId, region };
    const { imageId } = await world.ports.ec2.copyImage(scope, {
      sourceImageId: source,
      sourceRegion: 'us-east-1',
      // As a distribution names them: one name per build, the same in every target account.
      name: `app-1.0.${Math.floor(i / ACCOUNTS)}-copy`,
      description: 'Copied by EC2 Image Builder',
      clientToken: `token-${i}`,
      tagSpecifications: [
        {
          resourceType: 'image',
          tags: [
            { key: 'CreatedBy', value: 'EC2 Image Builder' },
            { key: 'Ec2ImageBuilderArn', value: `arn:aws:imagebuilder:us-east-1:${acct(0)}:image/app/1.0.${Math.floor(i / ACCOUNTS)}/1` },
          ],
        },
      ],
    });
    if (i % 4 === 0) await world.ports.ec2.modifyImageAttribute(scope, { imageId, launchPermission: { add: [{ userId: acct((i + 1) % ACCOUNTS) }] } });
  }
}

const per = (a: number, b: number, n: number): number => Math.round((a - b) / n);

/** Holds the world being measured; deleting it lets a full GC take the world away. */
const held: { world?: World; spec?: WorldSpec } = {};

/** AMIs made by CopyImage (and some grants), then the same world after a restart. */
async function copies(dir: string): Promise<unknown> {
  const open = (): World => openWorld({ rows: new SqliteWorldRows(openDatabase({ dataDir: dir })) });
  held.world = open();
  held.world.setTimings({ ...ZERO_TIMINGS });
  const empty = heap();
  const t0 = Date.now();
  await fill(held.world);
  const made = heap();
  const fillMs = Date.now() - t0;
  delete held.world;
  const gone = heap();
  const t1 = Date.now();
  held.world = open();
  const loadMs = Date.now() - t1;
  const loaded = heap();
  delete held.world;
  return {
    made: { heapBytesPerAmi: per(made.heap, empty.heap, N), rssBytesPerAmi: per(made.rss, empty.rss, N), ms: fillMs },
    afterRestart: { heapBytesPerAmi: per(loaded.heap, gone.heap, N), rssMB: Math.round(loaded.rss / 2 ** 20), loadMs },
  };
}

/** A world file of about N AMIs, parsed as `ibex serve --world` parses it: opened, then reopened over its stored rows. */
function worldFile(dir: string): unknown {
  const specText = JSON.stringify(describeWorld(Math.max(1, Math.round(N / (50 * 16)))));
  const before = heap();
  held.spec = JSON.parse(specText) as WorldSpec;
  const amis = (held.spec.accounts ?? []).reduce((n, a) => n + (a.images?.length ?? 0), 0);
  const t0 = Date.now();
  held.world = openWorld({ rows: new SqliteWorldRows(openDatabase({ dataDir: dir })), spec: held.spec });
  const openMs = Date.now() - t0;
  delete held.spec; // the server drops the parsed file once the world is open
  const opened = heap();
  delete held.world;
  const gone = heap();
  const t1 = Date.now();
  held.world = openWorld({ rows: new SqliteWorldRows(openDatabase({ dataDir: dir })), spec: JSON.parse(specText) as WorldSpec });
  const loadMs = Date.now() - t1;
  const loaded = heap();
  delete held.world;
  return {
    amis,
    opened: { heapBytesPerAmi: per(opened.heap, before.heap, amis), ms: openMs },
    afterRestart: { heapBytesPerAmi: per(loaded.heap, gone.heap, amis), rssMB: Math.round(loaded.rss / 2 ** 20), loadMs },
  };
}

const dirs = [mkdtempSync(join(tmpdir(), 'ibex-world-mem-')), mkdtempSync(join(tmpdir(), 'ibex-world-mem-'))];
try {
  const which = process.argv[3] ?? 'both';
  const out: Record<string, unknown> = { amis: N };
  if (which !== 'file') out.copies = await copies(dirs[0]!);
  if (which !== 'copies') out.worldFile = worldFile(dirs[1]!);
  console.log(JSON.stringify(out, null, 2));
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
