// A real PostgreSQL server for tests: the one named by IBEX_TEST_DATABASE_URL (`.ci/run` starts a
// throwaway cluster and sets it), or else a throwaway cluster of its own — initdb in a temporary
// directory, run as the `postgres` user when the tests run as root, listening on 127.0.0.1 only,
// stopped and removed by `stop()`. Each call gets a fresh, empty database.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A connection URL of a fresh database. */
  url: string;
  stop(): Promise<void>;
}

/** Where initdb and pg_ctl are: on PATH, or in Debian's versioned directory. */
function pgBin(tool: string): string {
  const onPath = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', tool))) return join(root, v, 'bin', tool);
  throw new Error(`PostgreSQL's ${tool} was not found (apt-get install -y postgresql)`);
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

const asRoot = process.getuid?.() === 0;
function run(tool: string, args: string[]): void {
  const cmd = asRoot ? (['runuser', ['-u', 'postgres', '--', pgBin(tool), ...args]] as const) : ([pgBin(tool), args] as const);
  execFileSync(cmd[0], [...cmd[1]], { stdio: ['ignore', 'ignore', 'pipe'] });
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `ibex_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Starts (or reuses) a PostgreSQL server and returns a fresh database on it. */
export async function startPostgres(): Promise<TestPostgres> {
  const shared = process.env.IBEX_TEST_DATABASE_URL;
  if (shared) return { url: await createDatabase(shared), stop: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'ibex-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start']);
  const stop = async (): Promise<void> => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    return { url: await createDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
