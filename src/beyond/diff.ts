// The settings diff: what a proposed UpdateDistributionConfiguration would change about where
// images go — which Regions and accounts gain or lose copies, launch permissions, SSM parameters,
// launch templates, exports and container repositories. A pure function of the two settings.
import type { Distribution } from '../model/generated/types.js';
import { targetsOf, type OuTarget, type Target } from './targets.js';

/** One gained or lost target. */
export interface DiffChange extends Target {
  change: 'gain' | 'lose';
}

export interface SettingsDiff {
  distributionConfigurationArn: string;
  changes: DiffChange[];
  /** Targets both settings deliver. */
  unchanged: number;
  summary: { gained: number; lost: number; byKind: Record<string, { gained: number; lost: number }> };
}

/** Compares the current settings with proposed ones for the same owner (and OU accounts). */
export function diffSettings(
  distributionConfigurationArn: string,
  owner: string,
  current: readonly Distribution[],
  proposed: readonly Distribution[],
  ouTargets: readonly OuTarget[] = [],
): SettingsDiff {
  const before = new Map(targetsOf(current, owner, ouTargets).map((t) => [t.key, t]));
  const after = new Map(targetsOf(proposed, owner, ouTargets).map((t) => [t.key, t]));
  const changes: DiffChange[] = [];
  for (const [k, t] of after) if (!before.has(k)) changes.push({ change: 'gain', ...t });
  for (const [k, t] of before) if (!after.has(k)) changes.push({ change: 'lose', ...t });
  changes.sort(
    (a, b) => a.region.localeCompare(b.region) || a.accountId.localeCompare(b.accountId) || a.change.localeCompare(b.change) || a.key.localeCompare(b.key),
  );
  const byKind: SettingsDiff['summary']['byKind'] = {};
  for (const c of changes) {
    const n = (byKind[c.kind] ??= { gained: 0, lost: 0 });
    if (c.change === 'gain') n.gained++;
    else n.lost++;
  }
  const gained = changes.filter((c) => c.change === 'gain').length;
  return {
    distributionConfigurationArn,
    changes,
    unchanged: [...after.keys()].filter((k) => before.has(k)).length,
    summary: { gained, lost: changes.length - gained, byKind },
  };
}
