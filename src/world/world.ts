// The World: the simulated cloud's ports plus what the admin API and the server need —
// snapshot, merge, reset to the loaded world, faults and run-time timings — all persisted in the
// store through the WorldRows port, so the world survives a restart.
import type { Clock } from '../domain/clock.js';
import { systemClock } from '../domain/clock.js';
import type { CloudPorts } from '../cloud/ports.js';
import { simulatedPorts, type Sim, type WorldConfig } from '../cloud/simulated/index.js';
import { Faults, type ActiveFault, type FaultRule } from '../cloud/simulated/faults.js';
import type { WorldRows } from '../cloud/simulated/world-rows.js';
import { WorldState } from '../cloud/simulated/state.js';
import { applySpec } from './apply.js';
import { WorldFileError } from './errors.js';
import { parseWorldText } from './loader.js';
import { buildSnapshot, type SnapshotFilter, type WorldSnapshot } from './snapshot.js';
import { snapshotJson } from './snapshot-stream.js';
import { PageTokens, worldPage, type PageKind, type WorldPage } from './pages.js';
import { COMMERCIAL_REGIONS, type WorldSpec } from './spec.js';
import { MAX_TIMING_MS, TIMING_KEYS, ZERO_TIMINGS, type Timings } from '../cloud/simulated/timings.js';
import { starterWorld } from './starter.js';
import { validateFault } from './fault-input.js';
import { validateWorldSpec, type ValidationContext } from './validate.js';

/** Options for `openWorld`. */
export interface OpenWorldOptions {
  /** Where the world's records persist (SQLite: `SqliteWorldRows`, tables of migration 002). */
  rows: WorldRows;
  /** The loaded world (from `loadWorldFile`); the starter world when absent. */
  spec?: WorldSpec;
  /** Defaults to the system clock. */
  clock?: Clock;
  /** Seed of the RNG behind probabilistic faults. */
  faultSeed?: number;
}

const DEFAULT_ACCOUNT = '123456789012';

/** The simulated cloud, its admin surface and its persistence. */
export class World {
  /** The cloud ports the engine uses. */
  readonly ports: CloudPorts;
  /** The simulation behind the ports, for the AWS wire APIs on ibex's endpoint (src/services/). */
  readonly sim: Sim;
  readonly clock: Clock;
  private readonly repo: WorldRows;
  private readonly state: WorldState;
  private readonly config: WorldConfig;
  private readonly faultSet: Faults;
  private readonly pageTokens: PageTokens;

  constructor(opts: OpenWorldOptions) {
    this.clock = opts.clock ?? systemClock;
    this.repo = opts.rows;
    this.state = new WorldState(this.repo, this.clock);
    this.config = { regions: new Set(COMMERCIAL_REGIONS), defaultAccountId: DEFAULT_ACCOUNT, timings: { ...ZERO_TIMINGS } };
    this.faultSet = new Faults(opts.faultSeed ?? 42, (rules) => this.repo.setMeta('faults', rules));
    const sim: Sim = { state: this.state, clock: this.clock, faults: this.faultSet, config: this.config };
    this.sim = sim;
    this.ports = simulatedPorts(sim);
    // The loaded world is kept in the store's meta, not in memory: a world file of 100,000 AMIs
    // would otherwise be held twice (as its spec and as records); reset() reads it back.
    const baseline = opts.spec ?? starterWorld();
    this.pageTokens = new PageTokens(this.repo);

    const storedBaseline = this.repo.getMeta<WorldSpec>('baseline');
    if (storedBaseline !== undefined) {
      // A restart: the stored world wins; a changed world file is merged in on top.
      this.state.loadFromRows();
      this.restoreConfig();
      this.faultSet.restore(this.repo.getMeta<ActiveFault[]>('faults') ?? []);
      if (JSON.stringify(storedBaseline) !== JSON.stringify(baseline)) {
        applySpec(this.state, this.config, baseline, false);
        this.saveConfig();
      }
    } else {
      this.seed(baseline);
    }
    this.repo.setMeta('baseline', baseline);
  }

  /** The caller account for access keys that are not 12 digits. */
  get defaultAccountId(): string {
    return this.config.defaultAccountId;
  }

  /** The Regions that exist. */
  get regions(): string[] {
    return [...this.config.regions];
  }

  /** True when the account is declared in the world (any 12-digit account may still call). */
  hasAccount(accountId: string): boolean {
    return this.state.accounts.has(accountId);
  }

  /** `GET /_ibex/world`. */
  snapshot(filter: SnapshotFilter = {}): WorldSnapshot {
    return buildSnapshot(this.state, this.config, this.faultSet.list(), filter);
  }

  /**
   * `GET /_ibex/world` as JSON text in pieces (the bytes of `JSON.stringify(snapshot(filter))`),
   * produced as they are consumed, so a server can write the dump in chunks between other requests.
   */
  snapshotJson(filter: SnapshotFilter = {}): Iterable<string> {
    return snapshotJson(this.state, this.config, this.faultSet.list(), filter);
  }

  /** `GET /_ibex/world?kind=…`: one page of one kind of record (WorldPageError on a bad token). */
  page(req: { kind: PageKind; filter: SnapshotFilter; maxResults: number; nextToken?: string }): WorldPage {
    return worldPage(this.state, this.repo, this.pageTokens, req);
  }

  /**
   * `POST /_ibex/world`: validates a world document (text — YAML or JSON — or a parsed value)
   * against the current world and merges it in. Throws WorldFileError naming each bad field.
   */
  merge(input: string | unknown, source = 'request body'): void {
    const ctx = this.validationContext();
    const spec = typeof input === 'string' ? parseWorldText(input, source, ctx) : validateWorldSpec(input, () => undefined, source, ctx);
    applySpec(this.state, this.config, spec, false);
    this.saveConfig();
  }

  /** `POST /_ibex/reset`: forgets everything and reloads the loaded world. Faults are cleared. */
  reset(): void {
    this.repo.tx(() => {
      this.repo.clear();
      this.state.clearMemory();
      this.seed(this.repo.getMeta<WorldSpec>('baseline') ?? starterWorld());
    });
    this.faultSet.clear();
  }

  /** `POST /_ibex/faults`: validates and adds a rule. */
  addFault(input: unknown): ActiveFault {
    return this.faultSet.add(validateFault(input));
  }

  /** Adds an already-typed rule (tests, CLI). */
  addFaultRule(rule: FaultRule): ActiveFault {
    return this.addFault(rule);
  }

  /** `DELETE /_ibex/faults`. */
  clearFaults(): void {
    this.faultSet.clear();
  }

  faults(): ActiveFault[] {
    return this.faultSet.list();
  }

  timings(): Timings {
    return { ...this.config.timings };
  }

  /** `POST /_ibex/timings` and `--timings`: changes some timings; affects work started later. */
  setTimings(input: unknown): Timings {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new WorldFileError([{ path: '', message: 'timings must be an object like {"copyImageMs": 0}' }], 'request body');
    }
    const issues = Object.entries(input).flatMap(([k, v]) =>
      !(TIMING_KEYS as readonly string[]).includes(k)
        ? [{ path: k, message: `unknown timing '${k}' (expected one of: ${TIMING_KEYS.join(', ')})` }]
        : typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_TIMING_MS
          ? [{ path: k, message: `must be a whole number of milliseconds from 0 to ${MAX_TIMING_MS} (one day), got ${JSON.stringify(v)}` }]
          : [],
    );
    if (issues.length) throw new WorldFileError(issues, 'request body');
    this.config.timings = { ...this.config.timings, ...(input as Partial<Timings>) };
    this.saveConfig();
    return this.timings();
  }

  private seed(baseline: WorldSpec): void {
    this.config.regions = new Set(COMMERCIAL_REGIONS);
    this.config.defaultAccountId = DEFAULT_ACCOUNT;
    this.config.timings = { ...ZERO_TIMINGS };
    applySpec(this.state, this.config, baseline, true);
    this.saveConfig();
  }

  private saveConfig(): void {
    this.repo.setMeta('config', { regions: [...this.config.regions], defaultAccountId: this.config.defaultAccountId, timings: this.config.timings });
  }

  private restoreConfig(): void {
    const c = this.repo.getMeta<{ regions: string[]; defaultAccountId: string; timings: Timings }>('config');
    if (!c) return;
    this.config.regions = new Set(c.regions);
    this.config.defaultAccountId = c.defaultAccountId;
    this.config.timings = { ...ZERO_TIMINGS, ...c.timings };
  }

  private validationContext(): ValidationContext {
    const st = this.state;
    return {
      regions: this.config.regions,
      accountIds: new Set(st.accounts.keys()),
      disabledRegions: (a) => st.accounts.get(a)?.disabledRegions ?? [],
      imageOwner: (id) => {
        const i = st.amis.get(id);
        return i ? { accountId: i.accountId, region: i.region } : undefined;
      },
      amiIdByName: (a, r, n) => st.amiByName(a, r, n)?.imageId,
      orgArns: new Set([...st.membership.values()].map((m) => m.orgArn)),
      ouArns: new Set([...st.units.values()].map((u) => u.arn)),
      orgOfAccount: (a) => st.membership.get(a)?.orgId,
      bucketOwner: (n) => st.buckets.get(n)?.accountId,
      launchTemplateOwner: (id) => st.launchTemplates.get(id)?.accountId,
      keyExists: (a, r, k) => st.keyOf(a, r, k) !== undefined,
    };
  }
}

/** Opens the world over the given database: the stored world if there is one, else `spec`. */
export function openWorld(opts: OpenWorldOptions): World {
  return new World(opts);
}
