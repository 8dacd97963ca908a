// Regression (#20): everything `src/` imports at run time is a runtime dependency, so a production
// install (`npm ci --omit=dev`) can run every `ibex` command — `ibex status` loads
// @aws-sdk/client-imagebuilder, which used to be a devDependency. Type-only imports are erased by
// tsc and need nothing at run time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Bare package names a file imports at run time (static `import … from`, `export … from`, `import()`). */
function runtimeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gm)) {
    const clause = m[3]!;
    // `import type …` and `import { type A, type B }` (every binding a type) are erased.
    if (
      m[2] ||
      (/^\{[^}]*\}$/.test(clause.trim()) &&
        clause
          .replace(/[{}]/g, '')
          .split(',')
          .every((b) => /^\s*type\s/.test(b) || !b.trim()))
    )
      continue;
    out.push(m[4]!);
  }
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) out.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push(m[1]!);
  return out
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

describe('runtime dependencies', () => {
  it('lists every package src/ imports at run time under dependencies, pinned exactly', () => {
    const used = new Set(files(join(ROOT, 'src')).flatMap((f) => runtimeImports(readFileSync(f, 'utf8'))));
    assert.ok(used.has('@aws-sdk/client-imagebuilder'), 'the CLI imports the Image Builder client');
    const missing = [...used].filter((n) => !(n in pkg.dependencies)).sort();
    assert.deepEqual(missing, []);
    for (const n of used) assert.match(pkg.dependencies[n]!, /^\d+\.\d+\.\d+$/, `${n} is pinned exactly`);
    assert.equal(pkg.devDependencies['@aws-sdk/client-imagebuilder'], undefined);
  });
});
