// Fault injection: rules by service, operation, account and Region, a count or a seeded
// probability; the injected error carries AWS's code and says whether it is retryable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudError } from '../../src/cloud/ports.js';
import { rejectsWith } from './contract/env.js';
import { FX, simulatedEnv } from './simulated-env.js';

const copyTo = (region: string, name: string) => ({ accountId: FX.owner, region, input: { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name } });

describe('simulated faults', () => {
  it('fails the next N matching calls with the given error, marked retryable for throttling', async () => {
    const env = simulatedEnv();
    env.world.addFault({ service: 'ec2', operation: 'CopyImage', region: 'eu-west-1', error: 'RequestLimitExceeded', times: 2 });
    const c = copyTo('eu-west-1', 'f-1');
    const err = await rejectsWith(env.ports.ec2.copyImage(c, c.input), 'RequestLimitExceeded', 'ec2');
    assert.ok(err instanceof CloudError && err.retryable);
    await rejectsWith(env.ports.ec2.copyImage(c, c.input), 'RequestLimitExceeded');
    await env.ports.ec2.copyImage(c, c.input);
    assert.deepEqual(env.world.faults(), []);
  });

  it("only matches the rule's Region, account and operation", async () => {
    const env = simulatedEnv();
    env.world.addFault({ service: 'ec2', operation: 'ec2:CopyImage', region: 'eu-west-1', accountId: FX.owner, error: 'InternalError' });
    const west = copyTo('us-west-2', 'f-2');
    await env.ports.ec2.copyImage(west, west.input);
    await env.ports.ec2.describeImages({ accountId: FX.owner, region: 'eu-west-1' }, {});
    const eu = copyTo('eu-west-1', 'f-2');
    await rejectsWith(env.ports.ec2.copyImage(eu, eu.input), 'InternalError');
  });

  it('fails a seeded, repeatable share of calls for a probability rule', async () => {
    const outcomes = async (): Promise<boolean[]> => {
      const env = simulatedEnv();
      env.world.addFault({ service: 'ssm', operation: 'PutParameter', error: 'ThrottlingException', probability: 0.3 });
      const out: boolean[] = [];
      for (let i = 0; i < 200; i++) {
        out.push(
          await env.ports.ssm.putParameter({ accountId: FX.owner, region: FX.region }, { name: `/p/${i}`, value: 'v' }).then(
            () => true,
            () => false,
          ),
        );
      }
      return out;
    };
    const a = await outcomes();
    const failures = a.filter((ok) => !ok).length;
    assert.ok(failures > 30 && failures < 90, `expected about 30% failures, got ${failures}/200`);
    assert.deepEqual(await outcomes(), a);
  });

  it('stops failing after DELETE-style clearing', async () => {
    const env = simulatedEnv();
    env.world.addFault({ service: 'sts', operation: '*', error: 'ServiceUnavailable' });
    await rejectsWith(env.ports.sts.getCallerIdentity({ accountId: FX.owner, region: FX.region }), 'ServiceUnavailable');
    env.world.clearFaults();
    assert.equal((await env.ports.sts.getCallerIdentity({ accountId: FX.owner, region: FX.region })).account, FX.owner);
  });

  it('marks non-throttling injected errors as not retryable', async () => {
    const env = simulatedEnv();
    env.world.addFault({ service: 'ecr', operation: 'PutImage', error: 'RepositoryNotFoundException', message: 'gone' });
    const err = await rejectsWith(
      env.ports.ecr.putImage({ accountId: FX.owner, region: FX.region }, { repositoryName: 'app', imageManifest: '{}' }),
      'RepositoryNotFoundException',
    );
    assert.equal(err.message, 'gone');
    assert.equal((err as CloudError).retryable, false);
  });
});
