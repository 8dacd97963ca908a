// The world as the pickers see it (GET /_ibex/world, loaded once per console session and on
// demand): Regions and who has opted in, accounts, the organization tree, and each account's
// launch templates, buckets, repositories, KMS keys, license configurations and AMIs.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { admin } from './api';
import type { Snapshot, Unit } from './world';

interface WorldCtx {
  world: Snapshot | undefined;
  reload(): void;
}
const Ctx = createContext<WorldCtx>({ world: undefined, reload: () => undefined });

export function WorldProvider({ children }: { children: ReactNode }) {
  const [world, setWorld] = useState<Snapshot>();
  const reload = useCallback(() => {
    admin<Snapshot>('GET', '/_ibex/world').then(setWorld, () => undefined);
  }, []);
  useEffect(reload, [reload]);
  return <Ctx.Provider value={{ world, reload }}>{children}</Ctx.Provider>;
}

export function useWorld(): WorldCtx {
  return useContext(Ctx);
}

export interface Choice {
  value: string;
  label: string;
}

/** Accounts a person can distribute to (not Amazon's own), with their names. */
export function accountChoices(w: Snapshot | undefined): Choice[] {
  return (w?.accounts ?? []).filter((a) => !a.amazonManaged && a.name !== 'amazon').map((a) => ({ value: a.id, label: a.name ? `${a.id} — ${a.name}` : a.id }));
}

/** Every OU of every organization, as its ARN with its path of names ("Workloads / Prod"). */
export function ouChoices(w: Snapshot | undefined): Choice[] {
  const out: Choice[] = [];
  for (const o of w?.organizations ?? []) {
    const walk = (units: Unit[], trail: string[]) => {
      for (const u of units) {
        out.push({ value: `arn:aws:organizations::${o.managementAccountId}:ou/${o.id}/${u.id}`, label: `${[...trail, u.name].join(' / ')} (${u.id})` });
        walk(u.units, [...trail, u.name]);
      }
    };
    walk(o.units, []);
  }
  return out;
}

export function orgChoices(w: Snapshot | undefined): Choice[] {
  return (w?.organizations ?? []).map((o) => ({
    value: `arn:aws:organizations::${o.managementAccountId}:organization/${o.id}`,
    label: `${o.id} (management account ${o.managementAccountId})`,
  }));
}

/** The Regions of the world, each marked when `account` has not opted in to it. */
export function regionChoices(w: Snapshot | undefined, account: string): (Choice & { optedOut: boolean })[] {
  const off = new Set(w?.accounts.find((a) => a.id === account)?.disabledRegions ?? []);
  return (w?.regions ?? []).map((r) => ({ value: r, label: off.has(r) ? `${r} — not opted in for ${account}` : r, optedOut: off.has(r) }));
}

/** Resources of one account in one Region. */
export function inAccountRegion<T extends { accountId: string; region: string }>(items: T[] | undefined, account: string, region: string): T[] {
  return (items ?? []).filter((x) => x.accountId === account && x.region === region);
}
