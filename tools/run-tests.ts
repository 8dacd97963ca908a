// `npm test`: regenerates the contract, builds the console for the browser tests, runs the
// console's Vitest tests, then every test file under test/ with node's test runner (Node 20
// does not expand globs, so the file list is built here).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function find(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').map((f) => relative('.', f));
const gen = spawnSync(process.execPath, ['--import', 'tsx', 'tools/generate-model.ts'], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);
// The browser tests (test/console/) need the built console.
if (files.some((f) => f.startsWith(join('test', 'console')))) {
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The console's component tests (Vitest, jsdom) run first, unless specific files were named, so
// that node's runner closes the output with the summary CI reads.
const vitest =
  only.length > 0
    ? { status: 0 }
    : spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'console/vite.config.ts'], { stdio: 'inherit' });
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, IBEX_TEST: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
process.exit(run.status === 0 && vitest.status === 0 ? 0 : 1);
