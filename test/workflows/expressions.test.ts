// The expression language of workflow documents, as pure functions: JSONPath references with
// array indexes, `{{ }}` interpolation, `.$` inputs, and the conditions of `if`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, interpolate, parseCondition, resolveInputs, resolvePath, type ExprContext } from '../../src/workflows/expressions.js';

const cx: ExprContext = {
  parameters: { on: true, count: 7, name: 'web', regions: ['eu-west-1', 'eu-central-1'] },
  stepOutputs: { Copy: { distributedImages: [{ region: 'us-west-2', amiId: 'ami-1' }] }, Wait: { action: 'RESUME' } },
  workflowOutputs: { ImageId: 'ami-0' },
  imagebuilder: { imageType: 'AMI' },
};

const cond = (raw: unknown) => evaluate(parseCondition(raw, 'if'), cx);

describe('workflow expressions', () => {
  it('resolves paths with indexes, interpolates strings and takes `.$` inputs whole', () => {
    assert.equal(resolvePath(cx, '$.stepOutputs.Copy.distributedImages[0].amiId'), 'ami-1');
    assert.equal(resolvePath(cx, '$.stepOutputs.Missing.x'), undefined);
    assert.equal(
      interpolate('image {{ $.workflowOutputs.ImageId }} in {{$.parameters.regions}} {{ imagebuilder:buildDate }}', cx),
      'image ami-0 in ["eu-west-1","eu-central-1"] {{ imagebuilder:buildDate }}',
    );
    assert.deepEqual(
      resolveInputs({ 'list.$': '$.parameters.regions', nested: [{ 'region.$': '$.parameters.regions[1]', tag: '{{ $.parameters.name }}' }], n: 3 }, cx),
      {
        list: ['eu-west-1', 'eu-central-1'],
        nested: [{ region: 'eu-central-1', tag: 'web' }],
        n: 3,
      },
    );
  });

  it('evaluates comparisons, and/or/not', () => {
    assert.equal(cond({ booleanEquals: true, value: '$.parameters.on' }), true);
    assert.equal(cond({ booleanEquals: false, value: '$.parameters.on' }), false);
    assert.equal(cond({ stringEquals: 'RESUME', value: '$.stepOutputs.Wait.action' }), true);
    assert.equal(cond({ stringEquals: '7', value: '$.parameters.count' }), true);
    assert.equal(cond({ numberGreaterThan: 5, value: '$.parameters.count' }), true);
    assert.equal(cond({ numberLessThan: 5, value: '$.parameters.count' }), false);
    assert.equal(cond({ numberEquals: '7', value: '$.parameters.count' }), true);
    assert.equal(cond({ numberGreaterThanEquals: 7, value: '$.parameters.count' }), true);
    assert.equal(
      cond({ and: [{ stringEquals: 'AMI', value: '$.imagebuilder.imageType' }, { not: { booleanEquals: false, value: '$.parameters.on' } }] }),
      true,
    );
    assert.equal(
      cond({
        or: [
          { stringEquals: 'DOCKER', value: '$.imagebuilder.imageType' },
          { numberEquals: 8, value: '$.parameters.count' },
        ],
      }),
      false,
    );
    // A missing value never equals anything.
    assert.equal(cond({ stringEquals: '', value: '$.stepOutputs.Nope.x' }), false);
  });

  it('rejects malformed conditions with where and why', () => {
    assert.throws(() => parseCondition({ stringEquals: 'a' }, 'steps[0].if'), { message: /^steps\[0\]\.if: a condition is one of and, or, not/ });
    assert.throws(() => parseCondition({ and: [] }, 'if'), { message: 'if.and: must be a list of 1 to 10 conditions.' });
    assert.throws(() => parseCondition({ booleanEquals: 'yes', value: true }, 'if'), { message: 'if.booleanEquals: must be true or false.' });
    const deep = { not: { not: { not: { not: { booleanEquals: true, value: true } } } } };
    assert.throws(() => parseCondition(deep, 'if'), { message: /conditions can be nested at most 4 levels deep/ });
  });
});
