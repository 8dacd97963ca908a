// Soak (bounded): mixed API load (autocannon: Get, List, Create, Get) against an ibex child with
// a file database, while a distribution (3 Regions × 10 accounts) starts every 500 ms; counts
// every error and, after warm-up, fits lines to the child's memory:
// - RSS (from /proc) and RSS outside the JS heap (native: SQLite, buffers, code);
// - the retained JS heap: heap used after a full GC, forced in the child every `gcEveryS`. The
//   forced GCs matter: left alone, V8 grows its heap lazily for ~100 s before its first major GC
//   (RSS +65 MB/min over a 60 s run without them, none of it live data);
// - the part of it that is the simulated world's records (AMIs, launch templates…: state the
//   simulated cloud keeps, in SQLite and mirrored in JS maps; client tokens stay in SQLite only),
//   measured at the end by emptying the world's maps, and the rest — ibex's own retained memory,
//   which is what a leak would grow.
//
// As a script, for longer investigations (every load stops by itself after --duration):
//   node --import tsx bench/soak.ts --duration=300 [--gc-every=10 (0: never)] [--warmup=60]
//        [--snap-at=120,240 --snap-dir=DIR] [--json=FILE] [--node-arg=--max-old-space-size=80]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from './lib/load.js';
import { memoryProbe, type ChildMemory } from './lib/memory-probe.js';
import { startNodeChild } from './lib/procs.js';
import { authHeaders, ibexCall } from './lib/sigv4.js';
import { rssMb, slope } from './lib/stats.js';
import { fanOutConfig, fanOutWorld, SOURCE_AMI } from './lib/world.js';

export interface SoakOptions {
  /** Extra node flags for the ibex child (e.g. a heap cap). */
  nodeArgs?: string[];
  /** Seconds left out of the slope fits (default: a third of the run). */
  warmupS?: number;
  /** A full GC forced in the child every N seconds, sampling the retained heap; 0: never (the
   *  retained heap is then read after the child's own major GCs, which may not happen for ~100 s). */
  gcEveryS?: number;
  /** Heap snapshots of the child at these seconds, and one at the end (snapshots inflate RSS). */
  snapshots?: { dir: string; atS: number[] };
  /** A progress line on stderr every N seconds (0: none). */
  progressEveryS?: number;
}

export interface SoakSample {
  t: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** Heap used right after the child's latest natural major GC (none forced). */
  afterMajorGcMb: number;
  majorGcs: number;
}

/** Heap used after a full GC, with the world's stored record count at that moment. */
export interface RetainedSample {
  t: number;
  heapMb: number;
  worldRecords: number;
}

export interface SoakResult {
  durationS: number;
  warmupS: number;
  gcEveryS: number;
  requests: number;
  rps: number;
  p99: number;
  apiErrors: number;
  distributions: number;
  distributionFailures: number;
  /** RSS from /proc every 250 ms: first and last sample after warm-up, peak, slope after warm-up. */
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
  slopeMbPerMin: number;
  /** RSS minus V8's heap (code, SQLite, buffers, allocator): after warm-up, at the end, slope. */
  nonHeapStartMb: number;
  nonHeapEndMb: number;
  nonHeapSlopeMbPerMin: number;
  /** Heap used after a full GC, after warm-up: first, last (load stopped, every run ended), slope. */
  retainedStartMb: number;
  retainedEndMb: number;
  retainedSlopeMbPerMin: number;
  /** The simulated world's in-memory records (AMIs, launch templates, …; SQLite rows mirrored in
   *  JS maps; client tokens are SQLite-only and not counted). */
  world: {
    recordsStart: number;
    recordsEnd: number;
    recordsPerMin: number;
    /** Heap its in-memory records hold at the end (heap after GC with them minus without them). */
    heapEndMb: number;
    bytesPerRecord: number;
  };
  /** The retained heap minus the world's share (records × bytes per record): ibex's own memory. */
  ownStartMb: number;
  ownEndMb: number;
  ownSlopeMbPerMin: number;
  /** What is stored at the end: configurations, world records (and by kind), database file. */
  stored: { configurations: number; worldRecords: number; worldImages: number; worldKinds: Record<string, number>; dbMb: number };
  natural: { majorGcs: number; firstMajorGcS: number };
  samples?: SoakSample[];
  retained?: RetainedSample[];
}

const MB = 1024 * 1024;

export async function soakBench(durationS: number, options: SoakOptions = {}): Promise<SoakResult> {
  const warmupS = options.warmupS ?? durationS / 3;
  const gcEveryS = options.gcEveryS ?? Math.max(2, Math.min(10, durationS / 12));
  const dir = mkdtempSync(join(tmpdir(), 'ibex-soak-'));
  const { spec, regions } = fanOutWorld(10, 3);
  writeFileSync(join(dir, 'world.json'), JSON.stringify(spec));
  const child = await startNodeChild(
    'bench/lib/ibex-child.ts',
    ['--data-dir', join(dir, 'data'), '--world', join(dir, 'world.json')],
    ['--expose-gc', ...(options.nodeArgs ?? [])],
  );
  const probe = memoryProbe(child);
  try {
    const cfg = await ibexCall(child.url, 'PUT', '/CreateDistributionConfiguration', fanOutConfig('soak', 10, regions));
    const arn = encodeURIComponent(cfg.distributionConfigurationArn as string);
    const ib = { ...authHeaders('imagebuilder'), 'content-type': 'application/json' };
    let n = 0;
    const config = () => ({
      name: `soak-${n}`,
      clientToken: `soak-${n++}`,
      distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 's {{ imagebuilder:buildDate }}' } }],
    });
    const t0 = Date.now();
    const stopAt = t0 + durationS * 1000;
    const now = () => (Date.now() - t0) / 1000;
    const images: string[] = [];

    // RSS from /proc every 250 ms; the child's own heap figures every second (no GC forced).
    const rss: [number, number][] = [];
    const samples: SoakSample[] = [];
    const rssTimer = setInterval(
      () =>
        void rssMb(child.pid).then(
          (mb) => rss.push([now(), mb]),
          () => undefined,
        ),
      250,
    );
    const memTimer = setInterval(
      () =>
        void probe.mem().then(
          (m) => samples.push(sample(now(), m)),
          () => undefined,
        ),
      1000,
    );

    // Retained heap: a full GC every gcEveryS; heap snapshots when asked; one command at a time.
    const retained: RetainedSample[] = [];
    const snaps = [...(options.snapshots?.atS ?? [])].sort((a, b) => a - b);
    const observing = (async () => {
      let nextGc = gcEveryS || Infinity;
      let nextProgress = options.progressEveryS || Infinity;
      while (Date.now() < stopAt - 200) {
        await new Promise((r) => setTimeout(r, 200));
        const t = now();
        if (snaps.length && t >= snaps[0]!) await probe.snapshot(resolve(options.snapshots!.dir, `soak-${snaps.shift()}s.heapsnapshot`));
        if (t >= nextGc) {
          nextGc += gcEveryS;
          const m = await probe.gc().catch(() => undefined);
          if (m) retained.push({ t: now(), heapMb: m.heapUsed / MB, worldRecords: m.worldRecords ?? NaN });
        }
        if (t >= nextProgress) {
          nextProgress += options.progressEveryS!;
          const s = samples.at(-1);
          const h = retained.at(-1);
          process.stderr.write(
            `soak ${t.toFixed(0)} s: RSS ${rss.at(-1)?.[1].toFixed(0)} MB, heap ${s?.heapUsedMb.toFixed(0)}/${s?.heapTotalMb.toFixed(0)} MB, retained ${h?.heapMb.toFixed(1)} MB, world records ${h?.worldRecords}, distributions ${images.length}\n`,
          );
        }
      }
    })();

    // One distribution (3 Regions × 10 accounts, ~100 steps) started every 500 ms, bounded by time.
    let distErrors = 0;
    const distributing = (async () => {
      while (Date.now() < stopAt - 1000) {
        try {
          const out = await ibexCall(child.url, 'PUT', '/DistributeImage', {
            sourceImage: SOURCE_AMI,
            distributionConfigurationArn: cfg.distributionConfigurationArn,
            executionRole: 'soak',
            clientToken: `d-${images.length}`,
          });
          images.push(out.imageBuildVersionArn as string);
        } catch {
          distErrors++;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const r = await load({
      name: 'soak',
      url: child.url,
      durationS,
      connections: 8,
      requests: [
        { method: 'GET', path: `/GetDistributionConfiguration?distributionConfigurationArn=${arn}`, headers: ib },
        { method: 'POST', path: '/ListDistributionConfigurations', headers: ib, body: '{}' },
        { method: 'PUT', path: '/CreateDistributionConfiguration', headers: ib, setupRequest: (req) => ({ ...req, body: JSON.stringify(config()) }) },
        { method: 'GET', path: `/GetDistributionConfiguration?distributionConfigurationArn=${arn}`, headers: ib },
      ],
    });
    await distributing;
    await observing;
    clearInterval(rssTimer);
    clearInterval(memTimer);
    // Every distribution must end AVAILABLE (bounded wait for the last ones).
    let failures = 0;
    for (const image of images) {
      const until = Date.now() + 15_000;
      for (;;) {
        const out = await ibexCall(child.url, 'GET', `/GetImage?imageBuildVersionArn=${encodeURIComponent(image)}`);
        const status = (out.image as { state?: { status?: string } }).state?.status;
        if (status === 'AVAILABLE') break;
        if (status === 'FAILED' || Date.now() > until) {
          failures++;
          break;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    // Load stopped and every run ended: the last retained sample, what is stored, and (last, as
    // it empties the world's maps) how much heap the world's in-memory records hold.
    const end = await probe.gc();
    retained.push({ t: now(), heapMb: end.heapUsed / MB, worldRecords: end.worldRecords ?? NaN });
    if (options.snapshots) await probe.snapshot(resolve(options.snapshots.dir, 'soak-end.heapsnapshot'));
    const st = await probe.state();
    const wh = await probe.worldHeap();

    const bytesPerRecord = (wh.withWorld - wh.withoutWorld) / wh.worldRecords;
    const rssAfter = rss.filter(([t]) => t >= warmupS);
    const memAfter = samples.filter((x) => x.t >= warmupS);
    // Without forced GCs, the retained heap is what the child's own major GCs left.
    const retainedAll = retained.length > 1 ? retained : [...naturalRetained(samples), ...retained];
    const retAfter = retainedAll.filter((x) => x.t >= warmupS);
    const own = retAfter.filter((x) => Number.isFinite(x.worldRecords)).map((x): [number, number] => [x.t, x.heapMb - (x.worldRecords * bytesPerRecord) / MB]);
    const recAfter = retAfter.filter((x) => Number.isFinite(x.worldRecords));
    const firstMajor = samples.find((x) => x.majorGcs > (samples[0]?.majorGcs ?? 0));
    return {
      durationS,
      warmupS,
      gcEveryS,
      requests: r.requests,
      rps: r.rps,
      p99: r.p99,
      apiErrors: r.errors + distErrors,
      distributions: images.length,
      distributionFailures: failures,
      rssStartMb: rssAfter[0]?.[1] ?? NaN,
      rssEndMb: rssAfter.at(-1)?.[1] ?? NaN,
      rssPeakMb: Math.max(...rss.map(([, mb]) => mb)),
      slopeMbPerMin: fit(rssAfter) * 60,
      nonHeapStartMb: memAfter[0] ? memAfter[0].rssMb - memAfter[0].heapTotalMb : NaN,
      nonHeapEndMb: memAfter.at(-1) ? memAfter.at(-1)!.rssMb - memAfter.at(-1)!.heapTotalMb : NaN,
      nonHeapSlopeMbPerMin: fit(memAfter.map((x) => [x.t, x.rssMb - x.heapTotalMb])) * 60,
      retainedStartMb: retAfter[0]?.heapMb ?? NaN,
      retainedEndMb: retAfter.at(-1)?.heapMb ?? NaN,
      retainedSlopeMbPerMin: fit(retAfter.map((x) => [x.t, x.heapMb])) * 60,
      world: {
        recordsStart: recAfter.length > 1 ? recAfter[0]!.worldRecords : NaN,
        recordsEnd: wh.worldRecords,
        recordsPerMin: fit(recAfter.map((x) => [x.t, x.worldRecords])) * 60,
        heapEndMb: (wh.withWorld - wh.withoutWorld) / MB,
        bytesPerRecord,
      },
      ownStartMb: own.length > 1 ? own[0]![1] : NaN,
      ownEndMb: own.at(-1)?.[1] ?? NaN,
      ownSlopeMbPerMin: fit(own) * 60,
      stored: {
        configurations: st.rows.distribution_configurations ?? 0,
        worldRecords: Object.values(st.worldRows).reduce((a, b) => a + b, 0),
        worldImages: st.worldRows.image ?? 0,
        worldKinds: st.worldRows,
        dbMb: st.dbBytes / MB,
      },
      natural: { majorGcs: samples.at(-1)?.majorGcs ?? 0, firstMajorGcS: firstMajor?.t ?? NaN },
      samples,
      retained: retainedAll,
    };
  } finally {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Retained-heap points from the child's natural major GCs (one per new GC seen). */
function naturalRetained(samples: SoakSample[]): RetainedSample[] {
  const out: RetainedSample[] = [];
  let seen = samples[0]?.majorGcs ?? 0;
  for (const x of samples) {
    if (x.majorGcs > seen && Number.isFinite(x.afterMajorGcMb)) out.push({ t: x.t, heapMb: x.afterMajorGcMb, worldRecords: NaN });
    seen = x.majorGcs;
  }
  return out;
}

const sample = (t: number, m: ChildMemory): SoakSample => ({
  t,
  rssMb: m.rss / MB,
  heapUsedMb: m.heapUsed / MB,
  heapTotalMb: m.heapTotal / MB,
  externalMb: m.external / MB,
  afterMajorGcMb: (m.lastMajorGc?.heapUsed ?? NaN) / MB,
  majorGcs: m.majorGcs,
});

/** Least-squares slope per second; NaN with fewer than two points (nothing to fit). */
const fit = (points: [number, number][]) =>
  points.length < 2
    ? NaN
    : slope(
        points.map(([t]) => t),
        points.map(([, y]) => y),
      );

if (import.meta.url === `file://${process.argv[1]}`) {
  const opt = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const durationS = Number(opt('duration') ?? 60);
  const snapDir = opt('snap-dir');
  if (snapDir) mkdirSync(snapDir, { recursive: true });
  const result = await soakBench(durationS, {
    ...(opt('warmup') ? { warmupS: Number(opt('warmup')) } : {}),
    ...(opt('gc-every') !== undefined ? { gcEveryS: Number(opt('gc-every')) } : {}),
    ...(snapDir ? { snapshots: { dir: snapDir, atS: (opt('snap-at') ?? '').split(',').filter(Boolean).map(Number) } } : {}),
    nodeArgs: process.argv.filter((a) => a.startsWith('--node-arg=')).map((a) => a.slice(11)),
    progressEveryS: 10,
  });
  const json = opt('json');
  if (json) writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  const { samples: _s, retained: _r, ...summary } = result;
  console.log(JSON.stringify(summary, null, 2));
}
