// Test helper: runs the installed AWS CLI (`aws imagebuilder …`) against an ibex endpoint, with
// none of the caller's AWS_* settings and empty config and credentials files.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the CLI did. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp directory with empty `config` and `credentials` files for the CLI. */
export function cliConfigDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
  return dir;
}

/** Runs `aws imagebuilder <args> --endpoint-url <endpoint> --output json` (asynchronously: the server may be in-process). */
export function awsCli(endpoint: string, configDir: string, args: string[], opts: { accessKey?: string; secret?: string } = {}): Promise<CliResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return new Promise((resolve) => {
    execFile(
      'aws',
      ['imagebuilder', ...args, '--endpoint-url', endpoint, '--output', 'json'],
      {
        timeout: 60_000,
        env: {
          ...env,
          AWS_ACCESS_KEY_ID: opts.accessKey ?? '123456789012',
          AWS_SECRET_ACCESS_KEY: opts.secret ?? 'x',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(configDir, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(configDir, 'credentials'),
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The CLI's JSON output, asserting it succeeded. */
export function cliJson(r: CliResult): Record<string, any> {
  assert.equal(r.code, 0, `aws failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, any>;
}
