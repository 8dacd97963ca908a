// The port contract environment backed by a second ibex over HTTP: an ibex server holding the
// contract's fixture world, and the AWS adapter (src/cloud/aws) pointed at its endpoint. A plain
// scope acts as its account with a 12-digit access key, as ibex maps keys to accounts.
import { randomBytes } from 'node:crypto';
import { createAwsCloud, type AwsCloud } from '../../src/cloud/aws/index.js';
import { startServer, type IbexServer } from '../../src/server/app.js';
import type { ContractEnv } from '../cloud/contract/env.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

/** A second ibex with the fixture world, and the adapter over it. */
export interface IbexEnv extends ContractEnv {
  server: IbexServer;
  cloud: AwsCloud;
}

/** Starts an ibex with the fixture world (zero timings) and returns the adapter over its endpoint. */
export async function ibexEnv(): Promise<IbexEnv> {
  const server = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec(), noResume: true });
  const cloud = createAwsCloud({
    endpoint: server.url,
    region: FX.region,
    maxAttempts: 1,
    credentials: { accessKeyId: FX.owner, secretAccessKey: 'ibex' },
    accountCredentials: async (accountId) => ({ accessKeyId: accountId, secretAccessKey: 'ibex' }),
  });
  return {
    server,
    cloud,
    ports: cloud,
    fx: FX,
    // Zero timings: copies are available at once; nothing to wait for.
    elapse: async () => {},
    async waitAvailable(scope, imageId) {
      for (let i = 0; i < 50; i++) {
        const { images } = await cloud.ec2.describeImages(scope, { imageIds: [imageId] });
        if (images[0]?.state === 'available') return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`${imageId} never became available`);
    },
    unique: (prefix) => `${prefix}-${randomBytes(4).toString('hex')}`,
    close: () => {
      cloud.destroy();
      void server.close();
    },
  };
}
