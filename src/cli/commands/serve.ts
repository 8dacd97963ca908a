// `ibex serve`: runs the Image Builder API server (and the console, when built) until a signal,
// after printing where the API and console are and a summary of the world it serves.
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type IbexServer } from '../../server/app.js';
import { defaultConsoleDir } from '../../server/static.js';
import { starterImageId } from '../../world/starter.js';
import { MAX_PAGE, type WorldPage } from '../../world/pages.js';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function timings(v: string): Record<string, number> {
  try {
    const t = JSON.parse(v) as unknown;
    if (t && typeof t === 'object' && !Array.isArray(t)) return t as Record<string, number>;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('must be a JSON object such as {"copyImageMs":0}');
}

function cloudKind(v: string): 'simulated' | 'aws' {
  if (v === 'simulated' || v === 'aws') return v;
  throw new InvalidArgumentError("must be 'simulated' or 'aws'");
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

function hours(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number of hours of at least 0');
  return n;
}

/** True for addresses only this machine reaches. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/** Every account of the world, read through its pages. */
function worldAccounts(world: IbexServer['world']): NonNullable<WorldPage['accounts']> {
  const out: NonNullable<WorldPage['accounts']> = [];
  let nextToken: string | undefined;
  do {
    const page = world.page({ kind: 'accounts', filter: {}, maxResults: MAX_PAGE, ...(nextToken ? { nextToken } : {}) });
    out.push(...(page.accounts ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** What `serve` prints once it listens: where the API and console are, and what world it runs. */
export function banner(server: Pick<IbexServer, 'url' | 'world'>, o: { world?: string | undefined; cloud: 'simulated' | 'aws'; logRequests: boolean }): string {
  const lines = [`ibex listening on ${server.url}`];
  lines.push(`  console  ${server.url}/${existsSync(join(defaultConsoleDir(), 'index.html')) ? '' : '  (not built: run npm run build)'}`);
  lines.push(`  API      export AWS_ENDPOINT_URL_IMAGEBUILDER=${server.url}   (or --endpoint-url ${server.url})`);
  if (o.cloud === 'aws') {
    lines.push('  cloud    real AWS (--cloud aws): distributions change real accounts');
  } else {
    // Read the accounts a page at a time and only Amazon's images: a world of 100,000 AMIs must not
    // be copied whole into a snapshot just to print one line.
    const all = worldAccounts(server.world);
    const amazon = all.filter((a) => a.amazonManaged).map((a) => a.id);
    const accounts = all.filter((a) => !a.amazonManaged).map((a) => `${a.name ?? '?'} ${a.id}`);
    const parents = amazon.reduce((n, accountId) => n + server.world.snapshot({ accountId }).images.length, 0);
    lines.push(
      `  world    ${o.world ? `from ${o.world}` : 'the starter world'}: ${server.world.regions.length} Regions, accounts ${accounts.join(', ')}; ${parents} Amazon parent AMIs`,
    );
    if (!o.world) {
      lines.push(
        `           default account ${server.world.defaultAccountId}; a source image to distribute: ${starterImageId('us-east-1', 'Linux')} (Amazon Linux 2023, us-east-1)`,
      );
      lines.push('  try      ibex demo   ·   ibex world show   ·   ibex --help');
    }
  }
  if (!o.logRequests) lines.push('  logs     warnings and errors only (--log-requests logs every request)');
  return lines.join('\n');
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the Image Builder API server')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', port, 4790)
    .option('--data-dir <dir>', 'directory of the SQLite database', '.ibex')
    .option('--in-memory', 'keep all state in memory (tests)')
    .option('--strict-auth <file>', 'verify SigV4 signatures against the credentials in FILE (admin: true ones may use /_ibex/*)')
    .option('--public-url <url>', 'the URL clients use to reach this server (its host is accepted by the admin API)')
    .option('--world <file>', 'load this world file (YAML or JSON) instead of the starter world')
    .option('--timings <json>', 'override world timings, e.g. \'{"copyImageMs":0}\'', timings)
    .option('--log-level <level>', 'pino log level (info, warn, silent, ...); info logs one JSON line per request', 'warn')
    .option('--log-requests', 'log every request (the same as --log-level info)')
    .option('--cloud <cloud>', "where to distribute: 'simulated' (the world) or 'aws' (AWS SDK, standard credential chain)", cloudKind, 'simulated')
    .option('--cloud-endpoint <url>', 'with --cloud aws: one endpoint for every AWS service (e.g. moto)')
    .option(
      '--quota-distribution-configurations <n>',
      'distribution configurations allowed per account and Region (ServiceQuotaExceededException beyond)',
      positive,
    )
    .option('--api-rate-limit <n>', 'API requests per second per account and Region (CallRateLimitExceededException beyond)', positive)
    .option(
      '--step-retention-hours <h>',
      "delete finished runs' step rows this many hours after they ended (images and outputs stay; RetryImage of such a run is refused)",
      hours,
    )
    .action(
      async (o: {
        stepRetentionHours?: number;
        host: string;
        port: number;
        dataDir: string;
        inMemory?: boolean;
        strictAuth?: string;
        world?: string;
        timings?: Record<string, number>;
        logLevel: string;
        logRequests?: boolean;
        cloud: 'simulated' | 'aws';
        cloudEndpoint?: string;
        quotaDistributionConfigurations?: number;
        apiRateLimit?: number;
        publicUrl?: string;
      }) => {
        if (!o.strictAuth && !isLoopback(o.host)) {
          process.stderr.write(
            `ibex: WARNING: listening on ${o.host} without --strict-auth: anyone who reaches this port can use any account and the admin API (/_ibex/*).\n`,
          );
        }
        let server;
        try {
          server = await startServer({
            host: o.host,
            port: o.port,
            dataDir: o.dataDir,
            ...(o.inMemory ? { inMemory: true } : {}),
            ...(o.strictAuth ? { strictAuthFile: o.strictAuth } : {}),
            ...(o.world ? { worldFile: o.world } : {}),
            ...(o.timings ? { timings: o.timings } : {}),
            cloud: o.cloud,
            ...(o.cloudEndpoint ? { cloudEndpoint: o.cloudEndpoint } : {}),
            ...(o.quotaDistributionConfigurations !== undefined ? { limits: { distributionConfigurationsPerRegion: o.quotaDistributionConfigurations } } : {}),
            ...(o.apiRateLimit !== undefined ? { apiRateLimit: o.apiRateLimit } : {}),
            ...(o.stepRetentionHours !== undefined ? { stepRetentionMs: Math.round(o.stepRetentionHours * 3_600_000) } : {}),
            ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}),
            logLevel: o.logRequests ? 'info' : o.logLevel,
          });
        } catch (e) {
          process.stderr.write(`ibex: ${(e as Error).message}\n`);
          process.exit(2);
        }
        process.stderr.write(
          `${banner(server, { world: o.world, cloud: o.cloud, logRequests: Boolean(o.logRequests) || o.logLevel === 'info' || o.logLevel === 'debug' || o.logLevel === 'trace' })}\n`,
        );
        const stop = (signal: string) => {
          process.stderr.write(`ibex: ${signal}, shutting down\n`);
          server.close().then(() => process.exit(0));
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      },
    );
}
