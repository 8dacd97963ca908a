// validateInput skips shapes from which no constraint is reachable (decided once per shape); it
// must find exactly the violation the full walk finds, in both modes (all constraints, and EC2's
// required members and enums), for seeded random inputs of every operation of every world model,
// values chosen to break constraints often (missing required members, lengths, ranges, enums).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickWith, rng } from './seeded.js';
import type { ServiceModel } from '../../src/model/world-shape.js';
import { WORLD_MODELS } from '../../src/model/generated/world/index.js';
import { validateInput, validateInputUnpruned } from '../../src/protocol/world-validate.js';

function valueOf(model: ServiceModel, shapeName: string, r: () => number, depth: number): unknown {
  const s = model.shapes[shapeName]!;
  const pick = pickWith(r);
  switch (s.type) {
    case 'structure': {
      const o: Record<string, unknown> = {};
      if (depth > 4) return o;
      // Required members are usually present, so the walk reaches deeper violations too.
      for (const [name, m] of Object.entries(s.members ?? {})) {
        const keep = s.required?.includes(name) ? 0.95 : 0.5;
        if (r() < keep) o[name] = valueOf(model, m.shape, r, depth + 1);
      }
      return o;
    }
    case 'list':
      return Array.from({ length: depth > 4 ? 0 : pick([0, 1, 2, 3]) }, () => valueOf(model, s.member!.shape, r, depth + 1));
    case 'map': {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < (depth > 4 ? 0 : pick([0, 1, 2])); i++) o[pick(['k', '', 'key-long-enough'])] = valueOf(model, s.value!.shape, r, depth + 1);
      return o;
    }
    case 'string': {
      if (s.enum && r() < 0.8) return pick(s.enum);
      const n = pick([0, 1, 5, s.min ?? 3, s.max ?? 20, (s.max ?? 20) + 1]);
      return 'a'.repeat(Math.max(0, n));
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return pick([s.min ?? 0, (s.min ?? 0) - 1, s.max ?? 100, (s.max ?? 100) + 1, 1]);
    case 'boolean':
      return r() < 0.5;
    default:
      return 'x';
  }
}

test('pruned validation finds the same first violation as the full walk, every input shape, both modes', () => {
  let violations = 0;
  let compared = 0;
  for (const [service, model] of Object.entries(WORLD_MODELS)) {
    for (const op of Object.values(model.operations)) {
      if (!op.input) continue;
      for (let seed = 1; seed <= 20; seed++) {
        const value = valueOf(model, op.input.shape, rng(seed * 104729 + op.name.length), 0);
        for (const requiredOnly of [false, true]) {
          const full = validateInputUnpruned(model, op.input.shape, value, requiredOnly);
          assert.deepEqual(validateInput(model, op.input.shape, value, requiredOnly), full, `${service} ${op.name} seed ${seed} requiredOnly ${requiredOnly}`);
          compared++;
          if (full) violations++;
        }
      }
    }
  }
  // The values do break constraints (the comparison is not only of passes).
  assert.ok(violations > compared / 10, `${violations} violations in ${compared} comparisons`);
});

test('an input with nothing to check passes without a walk, and a constrained one still fails', () => {
  const ec2 = WORLD_MODELS.ec2!;
  assert.equal(validateInput(ec2, 'DescribeImagesRequest', { ImageIds: ['ami-1'], Owners: ['self'] }, true), undefined);
  const v = validateInput(ec2, 'CopyImageRequest', { Name: 'n', SourceImageId: 'ami-1' }, true);
  assert.equal(v?.path, 'SourceRegion');
  assert.equal(v?.missing, true);
});
