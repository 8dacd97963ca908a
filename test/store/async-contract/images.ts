// The image store's contract: builds numbered per name and version, read newest first, by name,
// by scope and as start-up recovery's active set; a taken build number is a StoreConflict.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Image } from '../../../src/model/generated/types.js';
import { StoreConflict } from '../../../src/store/async-ports.js';
import { CorruptRowError } from '../../../src/store/errors.js';
import { other, rawExec, scope, type ContractContext } from './context.js';

const image = (version: string, build: number, status: NonNullable<Image['state']>['status'] = 'AVAILABLE', name = 'web') => ({
  arn: `arn:aws:imagebuilder:us-east-1:111122223333:image/${name}/${version}/${build}`,
  name,
  version: `${version}/${build}`,
  state: { status },
  dateCreated: '2026-12-03T10:00:00.000Z',
});

export function imageCases(ctx: ContractContext): void {
  it('images: numbered per version, newest first, by name in version order, active ones in every scope', async () => {
    const im = ctx.stores().images;
    assert.equal(await im.nextBuildNumber(scope, 'web', '1.0.0'), 1);
    await im.insert(scope, image('1.0.0', 1), 1);
    await im.insert(scope, image('1.0.0', 2, 'DISTRIBUTING'), 2);
    await im.insert(scope, image('1.0.1', 1), 1);
    await im.insert(other, { ...image('1.0.0', 1, 'BUILDING'), arn: 'arn:aws:imagebuilder:us-east-1:444455556666:image/web/1.0.0/1' }, 1);
    assert.equal(await im.nextBuildNumber(scope, 'web', '1.0.0'), 3);
    assert.equal(await im.nextBuildNumber(scope, 'web', '2.0.0'), 1);
    assert.deepEqual(await im.get(scope, image('1.0.0', 2).arn), image('1.0.0', 2, 'DISTRIBUTING'));
    assert.equal(await im.get(other, image('1.0.0', 2).arn), undefined);
    assert.deepEqual(
      (await im.builds(scope, 'web', '1.0.0')).map((i) => i.version),
      ['1.0.0/2', '1.0.0/1'],
    );
    assert.deepEqual(
      (await im.buildsByName(scope, 'web')).map((i) => i.version),
      ['1.0.0/1', '1.0.0/2', '1.0.1/1'],
    );
    assert.deepEqual(
      (await im.active()).map((a) => [a.scope.accountId, a.image.arn]),
      [
        [scope.accountId, image('1.0.0', 2).arn],
        [other.accountId, 'arn:aws:imagebuilder:us-east-1:444455556666:image/web/1.0.0/1'],
      ],
    );
    await im.put(scope, { ...image('1.0.0', 2, 'AVAILABLE'), outputResources: { amis: [{ image: 'ami-0123456789abcdef0', region: 'us-east-1' }] } });
    assert.deepEqual((await im.get(scope, image('1.0.0', 2).arn))?.outputResources, { amis: [{ image: 'ami-0123456789abcdef0', region: 'us-east-1' }] });
    assert.deepEqual(
      (await im.active()).map((a) => a.scope.accountId),
      [other.accountId],
    );
    assert.deepEqual(
      (await im.inScope(scope)).map((i) => i.arn),
      [image('1.0.0', 1).arn, image('1.0.0', 2).arn, image('1.0.1', 1).arn],
    );
    assert.equal(await im.delete(scope, image('1.0.1', 1).arn), true);
    assert.equal(await im.delete(scope, image('1.0.1', 1).arn), false);
    assert.equal(await im.get(scope, image('1.0.1', 1).arn), undefined);
  });

  it('images: newest first by creation, then build number, optionally in one status', async () => {
    const im = ctx.stores().images;
    const sc = { accountId: '121212121212', region: 'eu-central-1' };
    const at = (version: string, build: number, dateCreated: string, status: 'AVAILABLE' | 'FAILED') => ({
      ...image(version, build, status, 'fresh'),
      arn: `arn:aws:imagebuilder:eu-central-1:121212121212:image/fresh/${version}/${build}`,
      dateCreated,
    });
    await im.insert(sc, at('1.0.0', 1, '2026-12-03T10:00:00.000Z', 'AVAILABLE'), 1);
    await im.insert(sc, at('1.0.0', 2, '2026-12-03T10:00:00.000Z', 'FAILED'), 2);
    await im.insert(sc, at('1.0.1', 1, '2026-12-03T11:00:00.000Z', 'AVAILABLE'), 1);
    assert.deepEqual(
      (await im.newestFirst(sc)).map((i) => i.version),
      ['1.0.1/1', '1.0.0/2', '1.0.0/1'],
    );
    assert.deepEqual(
      (await im.newestFirst(sc, { status: 'AVAILABLE' })).map((i) => i.arn),
      [at('1.0.1', 1, '', 'AVAILABLE').arn, at('1.0.0', 1, '', 'AVAILABLE').arn],
    );
    assert.deepEqual(await im.newestFirst(sc, { status: 'DEPRECATED' }), []);
  });

  it('images: a build number or ARN taken is a StoreConflict and the first image stays', async () => {
    const im = ctx.stores().images;
    await im.insert(scope, image('3.0.0', 1, 'AVAILABLE', 'dup'), 1);
    await assert.rejects(
      im.insert(scope, { ...image('3.0.0', 1, 'FAILED', 'dup'), arn: 'arn:aws:imagebuilder:us-east-1:111122223333:image/dup/3.0.0/other' }, 1),
      (e) => e instanceof StoreConflict && e.table === 'images',
    );
    await assert.rejects(im.insert(scope, image('3.0.0', 1, 'FAILED', 'dup'), 2), StoreConflict);
    assert.deepEqual(
      (await im.builds(scope, 'dup', '3.0.0')).map((i) => i.state?.status),
      ['AVAILABLE'],
    );
  });

  it('images: concurrent numbering transactions never share a build number; a loser is a StoreConflict', async () => {
    const stores = ctx.stores();
    const attempt = () =>
      stores.tx(async (t) => {
        const n = await t.images.nextBuildNumber(scope, 'race', '1.0.0');
        await t.images.insert(scope, image('1.0.0', n, 'PENDING', 'race'), n);
        return n;
      });
    const results = await Promise.allSettled([attempt(), attempt(), attempt()]);
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof StoreConflict, String(r.reason));
    assert.ok(won.length >= 1);
    assert.equal(new Set(won).size, won.length);
    assert.deepEqual((await stores.images.builds(scope, 'race', '1.0.0')).map((i) => i.version).sort(), won.map((n) => `1.0.0/${n}`).sort());
  });

  it('images: a corrupted row is reported with its table and key, and left out of the active set', async () => {
    const im = ctx.stores().images;
    const bad = image('9.0.0', 1, 'BUILDING', 'broken');
    await im.insert(scope, bad, 1);
    await rawExec(ctx.target(), `UPDATE images SET body = '{not json' WHERE arn = '${bad.arn}'`);
    await assert.rejects(im.get(scope, bad.arn), (e) => e instanceof CorruptRowError && e.message.includes(bad.arn) && e.message.includes("'images'"));
    assert.ok(!(await im.active()).some((a) => a.image.arn === bad.arn));
    await im.delete(scope, bad.arn);
  });
}
