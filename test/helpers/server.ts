// Test helper: starts an in-memory ibex on 127.0.0.1 (random port) and builds real AWS SDK v3
// clients for it; the access key is the account id, as ibex's default auth maps it.
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { startServer, type IbexServer, type ServerOptions } from '../../src/server/app.js';

export interface TestServer extends IbexServer {
  /** An SDK client for `accountId` in `region` (no SDK retries, so tests see every error). */
  client(accountId?: string, region?: string): ImagebuilderClient;
}

/** Starts a server for one test file; call `close()` in `after`. */
export async function startTestServer(opts: ServerOptions = {}): Promise<TestServer> {
  const server = await startServer({ inMemory: true, port: 0, logLevel: 'silent', ...opts });
  return {
    ...server,
    client(accountId = '123456789012', region = 'us-east-1') {
      return new ImagebuilderClient({
        endpoint: server.url,
        region,
        maxAttempts: 1,
        credentials: { accessKeyId: accountId, secretAccessKey: 'test-secret' },
      });
    },
  };
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error & { name: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { name: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A minimal valid AMI distribution for `region`. */
export function amiDistribution(region = 'us-east-1', name = 'app {{ imagebuilder:buildDate }}') {
  return { region, amiDistributionConfiguration: { name } };
}
