// One page of one kind of world record (`GET /_ibex/world?kind=…&maxResults=…&nextToken=…`): the
// page's keys come from an index seek in the store (WorldRows.keys), each record's view from
// memory, so a page costs what it returns, not the size of the world. The next token names the
// last key returned and the filter it was issued for, signed with a key kept in the world's meta:
// a token that was altered, or is replayed with another kind or filter, is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kind } from '../cloud/simulated/records.js';
import type { WorldState } from '../cloud/simulated/state.js';
import type { RowKey, WorldRows } from '../cloud/simulated/world-rows.js';
import * as views from './snapshot.js';
import type { SnapshotFilter, WorldSnapshot } from './snapshot.js';

/** The record kinds that can be paged: the snapshot's lists, by the same names. */
export const PAGE_KINDS = [
  'accounts',
  'organizations',
  'images',
  'launchTemplates',
  'ecrRepositories',
  's3Buckets',
  's3Objects',
  'ssmParameters',
  'exportTasks',
  'kmsKeys',
  'licenseConfigurations',
] as const satisfies readonly (keyof WorldSnapshot)[];
export type PageKind = (typeof PAGE_KINDS)[number];

export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 100;

/** A page request that cannot be answered as asked (a 400 for the admin API). */
export class WorldPageError extends Error {}

/** One page: the records under their snapshot name, and a token while more follow. */
export type WorldPage = { [K in PageKind]?: WorldSnapshot[K] } & { nextToken?: string };

interface PageKindDef {
  /** The row kind in the store. */
  kind: Kind;
  /** Whether the accountId / region filters apply (accounts and organizations have no Region). */
  regional: boolean;
  /** The record's view, from memory; undefined when it is gone. */
  view(state: WorldState, key: RowKey, now: number): unknown;
}

const DEFS: Record<PageKind, PageKindDef> = {
  accounts: { kind: 'account', regional: false, view: (s, k) => opt(s.accounts.get(k.id), views.accountView) },
  organizations: { kind: 'organization', regional: false, view: (s, k) => opt(s.orgs.get(k.id), views.orgView) },
  images: { kind: 'ami', regional: true, view: (s, k, now) => opt(s.amis.get(k.id), (r) => views.imageView(r, now)) },
  launchTemplates: { kind: 'launchTemplate', regional: true, view: (s, k) => opt(s.launchTemplates.get(k.id), views.templateView) },
  ecrRepositories: { kind: 'ecrRepository', regional: true, view: (s, k) => opt(s.repoOf(k.accountId, k.region, k.id), views.repoView) },
  s3Buckets: { kind: 's3Bucket', regional: true, view: (s, k) => opt(s.buckets.get(k.id), views.bucketView) },
  s3Objects: {
    kind: 's3Object',
    regional: true,
    view: (s, k) => {
      const slash = k.id.indexOf('/'); // bucket names have no '/'
      return opt(s.objects.get(k.id.slice(0, slash))?.get(k.id.slice(slash + 1)), views.objectView);
    },
  },
  ssmParameters: { kind: 'ssmParameter', regional: true, view: (s, k) => opt(s.paramOf(k.accountId, k.region, k.id), views.paramView) },
  exportTasks: { kind: 'exportTask', regional: true, view: (s, k, now) => opt(s.exportTasks.get(k.id), (t) => views.exportView(t, now)) },
  kmsKeys: { kind: 'kmsKey', regional: true, view: (s, k) => opt(s.keyOf(k.accountId, k.region, k.id), views.keyView) },
  licenseConfigurations: { kind: 'licenseConfiguration', regional: true, view: (s, k) => opt(s.licenseConfigs.get(k.id), views.licenseView) },
};

function opt<T, V>(rec: T | undefined, view: (r: T) => V): V | undefined {
  return rec === undefined ? undefined : view(rec);
}

/** What a token carries: the filter it belongs to and the last key of the page it follows. */
interface TokenBody {
  kind: PageKind;
  accountId: string | null;
  region: string | null;
  after: [string, string, string];
}

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** Signs and checks page tokens with a key kept in the world's meta (tokens survive a restart). */
export class PageTokens {
  private key: Buffer | undefined;

  constructor(private readonly rows: WorldRows) {}

  private secret(): Buffer {
    if (!this.key) {
      let hex = this.rows.getMeta<string>('pageTokenKey');
      if (typeof hex !== 'string') this.rows.setMeta('pageTokenKey', (hex = randomBytes(32).toString('hex')));
      this.key = Buffer.from(hex, 'hex');
    }
    return this.key;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret()).update(payload).digest();
  }

  issue(body: TokenBody): string {
    const payload = b64(JSON.stringify(body));
    return `${payload}.${b64(this.mac(payload))}`;
  }

  /** The token's body, or WorldPageError when it was not issued by this world or was altered. */
  read(token: string): TokenBody {
    const bad = new WorldPageError('nextToken is not valid: pass the nextToken of the previous page unchanged.');
    const dot = token.indexOf('.');
    if (dot <= 0) throw bad;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad;
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenBody;
  }
}

/** Parses `kind` (one of PAGE_KINDS). */
export function pageKind(value: string): PageKind {
  if ((PAGE_KINDS as readonly string[]).includes(value)) return value as PageKind;
  throw new WorldPageError(`kind '${value}' is not a kind of world record; use one of: ${PAGE_KINDS.join(', ')}.`);
}

/** One page of `kind` after `nextToken` (from the start without one), at most `maxResults` records. */
export function worldPage(
  state: WorldState,
  rows: WorldRows,
  tokens: PageTokens,
  req: { kind: PageKind; filter: SnapshotFilter; maxResults: number; nextToken?: string },
): WorldPage {
  const { kind, filter, maxResults } = req;
  const accountId = filter.accountId ?? null;
  const region = filter.region ?? null;
  let after: RowKey | undefined;
  if (req.nextToken !== undefined) {
    const t = tokens.read(req.nextToken);
    if (t.kind !== kind || t.accountId !== accountId || t.region !== region) {
      const named = (k: string, a: string | null, r: string | null): string => `kind=${k}, accountId=${a ?? '(none)'}, region=${r ?? '(none)'}`;
      throw new WorldPageError(
        `nextToken was issued for ${named(t.kind, t.accountId, t.region)}, not ${named(kind, accountId, region)}: repeat the first request's kind, accountId and region with it.`,
      );
    }
    after = { accountId: t.after[0], region: t.after[1], id: t.after[2] };
  }
  state.settle();
  const now = state.clock.now();
  const def = DEFS[kind];
  let keys: RowKey[];
  if (kind === 'organizations' && filter.accountId) {
    // The organization the account belongs to (the snapshot's narrowing), not the ones it manages.
    const m = state.membership.get(filter.accountId);
    const org = m && state.orgs.get(m.orgId);
    const key = org && { accountId: org.managementAccountId, region: '', id: org.id };
    keys = key && !after ? [key] : [];
  } else {
    const scope = { ...(filter.accountId ? { accountId: filter.accountId } : {}), ...(def.regional && filter.region ? { region: filter.region } : {}) };
    keys = rows.keys(def.kind, scope, after, maxResults + 1);
  }
  const more = keys.length > maxResults;
  const shown = more ? keys.slice(0, maxResults) : keys;
  const records = shown.flatMap((k) => def.view(state, k, now) ?? []);
  const page: WorldPage = { [kind]: records };
  if (more) {
    const last = shown[shown.length - 1]!;
    page.nextToken = tokens.issue({ kind, accountId, region, after: [last.accountId, last.region, last.id] });
  }
  return page;
}
