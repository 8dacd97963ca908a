// Starts moto (`python3 -m moto.server`) on a free loopback port for one test file, or uses the
// one at MOTO_URL, and makes SDK clients that act as any account in it. moto picks the account
// from the access key; a key it does not know is its default account, so another account is
// reached the AWS way: assuming a role in it (moto does not require the role to exist).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials } from '../../../src/cloud/aws/index.js';

/** The credentials moto maps to its default account. */
export const MOTO_BASE_CREDENTIALS: AwsCredentials = { accessKeyId: 'AKIAIBEXMOTOBASE0000', secretAccessKey: 'moto' };
/** moto's default account: the base credentials act as it. */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';
/** Bound on the wait for moto to answer (100 ms steps). */
const START_TRIES = 300;

/** A running moto. */
export interface Moto {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts moto unless MOTO_URL names a running one (which is then left running). */
export async function startMoto(): Promise<Moto> {
  if (process.env.MOTO_URL) return { url: process.env.MOTO_URL.replace(/\/$/, ''), stop: async () => {} };
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    // Amazon's public AMIs are not part of any fixture; skipping them makes every Region faster.
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < START_TRIES; i++) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (i === START_TRIES - 1) {
      child.kill('SIGTERM');
      throw new Error(`moto did not start on ${url}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A 12-digit account id no other test uses (moto keeps every account apart). */
export function freshAccountId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 100)).padStart(2, '0')}`;
}

/** Credentials that act as `accountId` in moto (memoized per account). */
export function motoAccountCredentials(url: string): (accountId: string) => Promise<AwsCredentials> {
  const sts = new STSClient({ endpoint: url, region: 'us-east-1', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });
  const cache = new Map<string, Promise<AwsCredentials>>();
  return (accountId) => {
    if (accountId === MOTO_DEFAULT_ACCOUNT) return Promise.resolve(MOTO_BASE_CREDENTIALS);
    let p = cache.get(accountId);
    if (!p) {
      p = sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/ibex-moto-admin`, RoleSessionName: 'ibex-test' })).then((o) => ({
        accessKeyId: o.Credentials!.AccessKeyId!,
        secretAccessKey: o.Credentials!.SecretAccessKey!,
        sessionToken: o.Credentials!.SessionToken!,
      }));
      cache.set(accountId, p);
    }
    return p;
  };
}
