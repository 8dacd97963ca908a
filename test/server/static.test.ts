// The console's static handler on its own: which paths it answers, with which file, type and
// cache policy; deep links (including ARNs ending in a version) fall back to index.html; missing
// assets are 404s; nothing outside the console directory is ever served.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isConsolePath, staticHandler } from '../../src/server/static.js';

describe('console static handler', () => {
  let base: string;
  let serve: ReturnType<typeof staticHandler>;
  const INDEX = '<!doctype html><title>console</title>';
  const JS = 'console.log("app")';

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'ibex-static-'));
    const dir = join(base, 'console');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), JS);
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    // A file beside the console directory that must never be reachable through it.
    writeFileSync(join(base, 'secret.txt'), 'secret');
    serve = staticHandler(dir);
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('serves index.html at / with no-cache', () => {
    const r = serve('GET', '/');
    assert.ok(r);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.equal(r.body.toString(), INDEX);
  });

  it('serves hashed assets as immutable with their type, for GET and HEAD', () => {
    for (const method of ['GET', 'HEAD']) {
      const r = serve(method, '/assets/index-abc123.js');
      assert.ok(r);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(r.body.toString(), JS);
    }
    const icon = serve('GET', '/favicon.svg');
    assert.equal(icon?.headers['content-type'], 'image/svg+xml');
    assert.equal(icon?.headers['cache-control'], 'no-cache');
  });

  it('answers deep links with index.html, including a versioned ARN whose ".0" is no extension', () => {
    for (const path of [
      '/images',
      '/distribution-configurations/web',
      '/container-recipes/arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Acontainer-recipe%2Fweb%2F1.0.0',
      '/images/arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1',
    ]) {
      const r = serve('GET', path);
      assert.equal(r?.status, 200, path);
      assert.equal(r?.body.toString(), INDEX, path);
    }
  });

  it('answers a missing asset or console file type with a plain 404, not index.html', () => {
    for (const path of ['/assets/gone-000.js', '/assets/anything', '/missing.css', '/logo.png']) {
      const r = serve('GET', path);
      assert.equal(r?.status, 404, path);
      assert.equal(r?.headers['content-type'], 'text/plain', path);
      assert.equal(r?.body.toString(), 'Not found', path);
    }
  });

  it('never serves a file outside the console directory', () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const r = serve('GET', path);
      assert.notEqual(r?.body.toString(), 'secret', path);
    }
  });

  it('leaves API, admin, tag and non-GET requests and bad percent-encoding to others', () => {
    assert.equal(serve('POST', '/'), undefined);
    assert.equal(serve('PUT', '/images'), undefined);
    assert.equal(serve('GET', '/ListImages'), undefined);
    assert.equal(serve('GET', '/_ibex/world'), undefined);
    assert.equal(serve('GET', '/_ibex'), undefined);
    assert.equal(serve('GET', '/tags/arn%3Aaws%3Aimagebuilder'), undefined);
    assert.equal(serve('GET', '/images/%E0%A4%A'), undefined);
    assert.equal(isConsolePath('/'), true);
    assert.equal(isConsolePath('/GetImage'), false);
    assert.equal(isConsolePath('/pipelines'), true);
  });

  it('says the console is not built when its directory holds no index.html', () => {
    const r = staticHandler(join(base, 'nowhere'))('GET', '/images');
    assert.equal(r?.status, 404);
    assert.equal(r?.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(r?.body.toString() ?? '', /The ibex console is not built\. Run <code>npm run build<\/code>/);
  });
});
