// Fault injection: rules that make matching port calls fail with a chosen AWS error, every
// time, a fixed number of times, or with a probability drawn from a seeded (deterministic) RNG.
import { CloudError, type CloudService } from '../ports.js';

/** A fault rule as `POST /_ibex/faults` accepts it. */
export interface FaultRule {
  /** `ec2`, `ecr`, `s3`, `ssm`, `sts`, `organizations`, `kms`, `license-manager`. */
  service: CloudService;
  /** AWS operation name (`CopyImage`; `ec2:CopyImage` and `copyImage` also match), or `*`. */
  operation: string;
  accountId?: string;
  region?: string;
  /** The AWS error code to fail with, e.g. `RequestLimitExceeded`. */
  error: string;
  message?: string;
  /** Fail this share of matching calls (0 < p ≤ 1). */
  probability?: number;
  /** Fail the next N matching calls, then stop. */
  times?: number;
}

/** A rule as stored: `remaining` counts down when `times` was given. */
export interface ActiveFault extends FaultRule {
  id: number;
  remaining?: number;
}

/** mulberry32: a tiny, fast, seeded PRNG so probabilistic faults replay identically. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normalises `ec2:CopyImage`, `CopyImage` and `copyImage` to `copyimage`. */
export const normalizeOperation = (op: string): string => op.replace(/^[a-z0-9-]+:/, '').toLowerCase();

/** The set of active fault rules. */
export class Faults {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  private rng: () => number;

  constructor(
    private readonly seed = 42,
    private readonly onChange: (rules: ActiveFault[]) => void = () => {},
  ) {
    this.rng = mulberry32(seed);
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Replaces all rules (loading persisted state). */
  restore(rules: ActiveFault[]): void {
    this.rules = rules.map((r) => ({ ...r }));
    this.nextId = Math.max(0, ...rules.map((r) => r.id)) + 1;
  }

  add(rule: FaultRule): ActiveFault {
    const active: ActiveFault = { ...rule, id: this.nextId++ };
    if (rule.times !== undefined) active.remaining = rule.times;
    this.rules.push(active);
    this.onChange(this.list());
    return { ...active };
  }

  clear(): void {
    this.rules = [];
    this.rng = mulberry32(this.seed);
    this.onChange([]);
  }

  /**
   * Throws the first matching rule's error, if it fires for this call. A dry run (EC2 `DryRun`)
   * meets only unconditional rules: counted (`times`) and probabilistic rules stand for events of
   * the real call, so a dry run neither consumes them nor draws from the seeded RNG.
   */
  check(service: CloudService, operation: string, accountId: string, region: string, opts: { dryRun?: boolean } = {}): void {
    const op = operation.toLowerCase();
    for (const r of this.rules) {
      if (r.service !== service) continue;
      if (r.operation !== '*' && normalizeOperation(r.operation) !== op) continue;
      if (r.accountId !== undefined && r.accountId !== accountId) continue;
      if (r.region !== undefined && r.region !== region) continue;
      if (opts.dryRun && (r.remaining !== undefined || r.probability !== undefined)) continue;
      if (r.remaining !== undefined) {
        if (r.remaining <= 0) continue;
        r.remaining -= 1;
        this.rules = this.rules.filter((x) => x.remaining === undefined || x.remaining > 0);
        this.onChange(this.list());
      } else if (r.probability !== undefined && this.rng() >= r.probability) {
        continue;
      }
      throw new CloudError(service, r.error, r.message ?? `Injected fault: ${r.error} on ${service}:${operation} (ibex fault rule ${r.id}).`);
    }
  }
}
