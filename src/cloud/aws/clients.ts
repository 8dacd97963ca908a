// SDK clients per service, Region and identity, cached: a plain scope calls with ibex's own
// credentials (which must belong to the scope's account), a scope from sts.assumeRole with the
// role's credentials, refreshed by assuming the role again shortly before they expire.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CloudError, type AssumedRoleCredentials, type CloudScope, type CloudService } from '../ports.js';
import { call } from './errors.js';

/** AWS credentials as the SDK takes them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type AwsCredentialProvider = () => Promise<AwsCredentials>;

/** Options of `createAwsCloud`. */
export interface AwsCloudOptions {
  /** One endpoint for every service (an emulator such as moto); AWS's own endpoints when absent. */
  endpoint?: string;
  /** Region for calls that have none of their own (identity, Organizations). Default `us-east-1`. */
  region?: string;
  /** ibex's own credentials; the SDK's standard provider chain when absent. */
  credentials?: AwsCredentials | AwsCredentialProvider;
  /**
   * Credentials for acting directly as an account named by a plain scope (not through the
   * cross-account role). Without it a plain scope must name the account of `credentials`.
   */
  accountCredentials?: (accountId: string) => Promise<AwsCredentials>;
  /** SDK attempts per call (adaptive retry mode, which also rate-limits on throttling). Default 3. */
  maxAttempts?: number;
}

/** The client settings every service constructor accepts. */
export interface ClientConfig {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentials | AwsCredentialProvider;
  retryMode: 'adaptive';
  maxAttempts: number;
}

/** Refreshes an assumed role's credentials (assumes the role again). */
export type RoleRefresher = () => Promise<AssumedRoleCredentials>;

/** Bound on cached clients; each holds sockets, and role sessions come and go. */
const MAX_CLIENTS = 256;
/** Assume the role again this long before its credentials expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

interface Destroyable {
  destroy(): void;
}

/** Builds and caches clients; one per adapter. */
export class AwsClients {
  private readonly cache = new Map<string, Destroyable>();
  private readonly sessions = new Map<string, { current: AssumedRoleCredentials; refresh: RoleRefresher }>();
  private ownAccount: Promise<string> | undefined;

  constructor(readonly opts: AwsCloudOptions) {}

  /** The default Region of the adapter. */
  get region(): string {
    return this.opts.region ?? 'us-east-1';
  }

  /** Remembers how to renew the credentials of an assumed-role session. */
  registerSession(creds: AssumedRoleCredentials, refresh: RoleRefresher): void {
    this.sessions.set(creds.accessKeyId, { current: creds, refresh });
    if (this.sessions.size > MAX_CLIENTS * 4) this.sessions.delete(this.sessions.keys().next().value!);
  }

  /** The account ibex's own credentials belong to (GetCallerIdentity, asked once). */
  ownAccountId(): Promise<string> {
    this.ownAccount ??= call('sts', async () => {
      const sts = new STSClient(this.config(this.region, this.opts.credentials));
      try {
        return (await sts.send(new GetCallerIdentityCommand({}))).Account!;
      } finally {
        sts.destroy();
      }
    });
    this.ownAccount.catch(() => (this.ownAccount = undefined));
    return this.ownAccount;
  }

  /** A client of `service` acting as `scope` in `region` (the scope's Region by default). */
  async get<C extends Destroyable>(service: CloudService, scope: CloudScope, make: (c: ClientConfig) => C, region = scope.region): Promise<C> {
    const who = scope.credentials ? `key:${scope.credentials.accessKeyId}` : `account:${scope.accountId}`;
    const key = `${service}|${region}|${who}`;
    const hit = this.cache.get(key);
    if (hit) {
      // Re-insert: the Map's order is the eviction order (least recently used first).
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit as C;
    }
    const client = make(this.config(region, await this.credentialsOf(scope)));
    this.cache.set(key, client);
    if (this.cache.size > MAX_CLIENTS) {
      const [oldKey, old] = this.cache.entries().next().value!;
      this.cache.delete(oldKey);
      old.destroy();
    }
    return client;
  }

  /** Closes every client. */
  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }

  private config(region: string, credentials: ClientConfig['credentials']): ClientConfig {
    return {
      region,
      ...(this.opts.endpoint ? { endpoint: this.opts.endpoint } : {}),
      ...(credentials ? { credentials } : {}),
      retryMode: 'adaptive',
      maxAttempts: this.opts.maxAttempts ?? 3,
    };
  }

  private async credentialsOf(scope: CloudScope): Promise<ClientConfig['credentials']> {
    const assumed = scope.credentials;
    if (assumed) {
      const id = assumed.accessKeyId;
      return async () => {
        const s = this.sessions.get(id);
        if (s && Date.parse(s.current.expiration) - Date.now() < REFRESH_MARGIN_MS) s.current = await s.refresh();
        const c = s?.current ?? assumed;
        return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
      };
    }
    if (this.opts.accountCredentials) {
      const get = this.opts.accountCredentials;
      return () => get(scope.accountId);
    }
    const own = await this.ownAccountId();
    if (own !== scope.accountId) {
      throw new CloudError(
        'sts',
        'AccessDenied',
        `ibex's AWS credentials belong to account ${own}; it acts in account ${scope.accountId} only through that account's EC2ImageBuilderDistributionCrossAccountRole.`,
        false,
      );
    }
    return this.opts.credentials;
  }
}
