// The resource kinds are one union (domain/arn.ts): the ARN builder and the tag registry are typed
// by it, so a kind missing from the registry, or an ARN built for a kind that does not exist, does
// not compile — shown with @ts-expect-error (the type check fails if either line compiles) — and
// every kind the union lists parses back from an ARN built for it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RESOURCE_KINDS, imagebuilderArn, parseArn, resourceKindOf } from '../../src/domain/arn.js';
import type { Exists, TagRegistry } from '../../src/operations/tagged-resources.js';

const yes: Exists = () => true;
// @ts-expect-error a registry without `workflow` (or any other kind) does not compile
const partial: TagRegistry = {
  'distribution-configuration': yes,
  'image-recipe': yes,
  'container-recipe': yes,
  component: yes,
  'infrastructure-configuration': yes,
  'image-pipeline': yes,
  'lifecycle-policy': yes,
  image: yes,
};
void partial;
// @ts-expect-error an ARN for a kind Image Builder does not have does not compile
void imagebuilderArn({ accountId: '123456789012', region: 'us-east-1' }, 'launch-template', 'x');

describe('resource kinds', () => {
  it('every kind round-trips through an ARN; unknown types have no kind', () => {
    for (const kind of RESOURCE_KINDS) {
      const id = kind === 'workflow' ? 'build/w/1.0.0/1' : 'x/1.0.0/1';
      const parsed = parseArn(imagebuilderArn({ accountId: '123456789012', region: 'us-east-1' }, kind, id));
      assert.equal(resourceKindOf(parsed!.resourceType), kind);
    }
    assert.equal(resourceKindOf('launch-template'), undefined);
    assert.equal(resourceKindOf('workflow/build'), 'workflow');
  });
});
