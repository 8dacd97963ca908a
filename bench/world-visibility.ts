// Benchmark (not a test): describe-images and visibility-check latency in a small world vs a
// 100,000-AMI world (50 accounts × 16 Regions). Lookups are indexed, so latency should not grow.
// Run: node --import tsx bench/world-visibility.ts
import { ManualClock } from '../src/domain/clock.js';
import { openDatabase } from '../src/store/sqlite/db.js';
import { COMMERCIAL_REGIONS, openWorld, type World, type WorldSpec } from '../src/world/index.js';
import type { ImageSpec } from '../src/world/spec.js';
import { SqliteWorldRows } from '../src/store/sqlite/world-rows.js';

const ACCOUNTS = 50;
const REGIONS = COMMERCIAL_REGIONS.slice(0, 16);
const ORG = 'o-benchbench01';
const MGMT = '100000000000';
const acct = (i: number): string => String(100000000000 + i);
const hex = (n: number): string => n.toString(16).padStart(17, '0');
const ouArn = (k: number): string => `arn:aws:organizations::${MGMT}:ou/${ORG}/ou-bnch-${String(k).padStart(8, '0')}`;

/** A world with `perScope` AMIs in every account and Region; account 1's probe images are identical in every size. */
function spec(perScope: number): WorldSpec {
  let n = 0;
  const accounts = Array.from({ length: ACCOUNTS }, (_, a) => ({
    id: acct(a),
    images: REGIONS.flatMap((region) =>
      Array.from({ length: perScope }, (_, i): ImageSpec => {
        n++;
        // A mix of sharing routes: private, to one account, to an OU, to the org, public.
        const route = i % 5;
        return {
          region,
          imageId: `ami-${hex(n)}`,
          name: `img-${i}`,
          launchPermissions:
            route === 1
              ? { userIds: [acct((a + 1) % ACCOUNTS)] }
              : route === 2
                ? { organizationalUnitArns: [ouArn(a % 5)] }
                : route === 3
                  ? { organizationArns: [`arn:aws:organizations::${MGMT}:organization/${ORG}`] }
                  : route === 4 && i < 10
                    ? { userGroups: ['all'] }
                    : {},
        };
      }),
    ),
  }));
  // Five top-level OUs, each with a nested OU holding its accounts.
  const units = Array.from({ length: 5 }, (_, k) => ({
    id: `ou-bnch-${String(k).padStart(8, '0')}`,
    name: `top-${k}`,
    accounts: [],
    units: [
      {
        id: `ou-bnch-${String(k + 10).padStart(8, '0')}`,
        name: `nested-${k}`,
        accounts: accounts.filter((_, a) => a % 5 === k && a !== 0).map((x) => x.id),
        units: [],
      },
    ],
  }));
  return { defaultAccountId: MGMT, regions: [...REGIONS], organizations: [{ id: ORG, managementAccountId: MGMT, units }], accounts };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, iterations: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 200; i++) await fn(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const r = { p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`  ${label.padEnd(52)} p50 ${r.p50.toFixed(1).padStart(7)} µs   p99 ${r.p99.toFixed(1).padStart(7)} µs`);
  return r;
}

async function run(perScope: number): Promise<Record<string, { p50: number; p99: number }>> {
  const t0 = Date.now();
  const world: World = openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), spec: spec(perScope), clock: new ManualClock() });
  const total = ACCOUNTS * REGIONS.length * perScope;
  console.log(`\n${total.toLocaleString()} AMIs (${perScope} per account and Region), loaded in ${Date.now() - t0} ms`);
  const region = REGIONS[3]!;
  const caller = { accountId: acct(6), region }; // in nested OU 1
  const ec2 = world.ports.ec2;
  // Probe images owned by account 1 in `region`: index 2 is OU-shared (OU 1 contains account 6 at depth 2).
  const firstOfScope = (a: number, r: number) => 1 + (a * REGIONS.length + r) * perScope;
  const ouShared = `ami-${hex(firstOfScope(1, 3) + 2)}`;
  const privateImg = `ami-${hex(firstOfScope(1, 3))}`;
  const res: Record<string, { p50: number; p99: number }> = {};
  res.byId = await measure('describeImages by id (visible through nested OU)', 5000, () => ec2.describeImages(caller, { imageIds: [ouShared] }));
  res.denied = await measure('visibility check: invisible id → NotFound', 5000, () =>
    ec2.describeImages(caller, { imageIds: [privateImg] }).catch(() => undefined),
  );
  // A probe account owning the same 20 AMIs in both worlds.
  const probe = { accountId: '200000000000', region };
  for (let i = 0; i < 20; i++) await ec2.registerImage(probe, { name: `probe-${i}` });
  res.owned = await measure('describeImages owners=self (20 owned)', 2000, () => ec2.describeImages(probe, { owners: ['self'] }));
  res.all = await measure('describeImages, no filter (owned+shared+public)', 500, () => ec2.describeImages(probe, {}));
  res.copy = await measure('copyImage of a shared AMI (visibility + name check)', 2000, (i) =>
    ec2.copyImage(caller, { sourceImageId: ouShared, sourceRegion: region, name: `copy-${perScope}-${i}` }).catch(() => undefined),
  );
  return res;
}

const small = await run(5);
const big = await run(125);
console.log('\nratio big/small (p50):');
for (const k of Object.keys(small)) console.log(`  ${k.padEnd(8)} ${(big[k]!.p50 / small[k]!.p50).toFixed(2)}×`);
