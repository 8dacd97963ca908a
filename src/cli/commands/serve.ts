// `ibex serve`: runs the Image Builder API server (and the console, when built) until a signal.
import { Command, InvalidArgumentError } from 'commander';
import { startServer } from '../../server/app.js';

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

/** True for addresses only this machine reaches. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
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
    .option('--log-level <level>', 'pino log level (info, warn, silent, ...)', 'info')
    .option('--cloud <cloud>', "where to distribute: 'simulated' (the world) or 'aws' (AWS SDK, standard credential chain)", cloudKind, 'simulated')
    .option('--cloud-endpoint <url>', "with --cloud aws: one endpoint for every AWS service (e.g. moto)")
    .option('--quota-distribution-configurations <n>', 'distribution configurations allowed per account and Region (ServiceQuotaExceededException beyond)', positive)
    .option('--api-rate-limit <n>', 'API requests per second per account and Region (CallRateLimitExceededException beyond)', positive)
    .action(async (o: { host: string; port: number; dataDir: string; inMemory?: boolean; strictAuth?: string; world?: string; timings?: Record<string, number>; logLevel: string; cloud: 'simulated' | 'aws'; cloudEndpoint?: string; quotaDistributionConfigurations?: number; apiRateLimit?: number; publicUrl?: string }) => {
      if (!o.strictAuth && !isLoopback(o.host)) {
        process.stderr.write(`ibex: WARNING: listening on ${o.host} without --strict-auth: anyone who reaches this port can use any account and the admin API (/_ibex/*).\n`);
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
          ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}),
          logLevel: o.logLevel,
        });
      } catch (e) {
        process.stderr.write(`ibex: ${(e as Error).message}\n`);
        process.exit(2);
      }
      process.stderr.write(`ibex listening on ${server.url}\n`);
      const stop = (signal: string) => {
        process.stderr.write(`ibex: ${signal}, shutting down\n`);
        server.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}
