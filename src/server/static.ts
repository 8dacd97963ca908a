// Serves the built web console (dist/console) for browser GETs that are neither API routes
// (PascalCase operation paths, /tags/…) nor admin routes (/_ibex/…); console routes fall back to
// index.html so deep links work.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** A static response. */
export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Where the console build lives: dist/console from the repo root, whether run by tsx or from dist/. */
export function defaultConsoleDir(): string {
  if (process.env.IBEX_CONSOLE_DIR) return resolve(process.env.IBEX_CONSOLE_DIR);
  const up = fileURLToPath(new URL('../../', import.meta.url));
  return basename(up.replace(/[\\/]+$/, '')) === 'dist' ? join(up, 'console') : join(up, 'dist', 'console');
}

/** True for paths the console owns: not /_ibex/, not /tags/, and not a PascalCase operation. */
export function isConsolePath(path: string): boolean {
  if (path.startsWith('/_ibex/') || path === '/_ibex' || path.startsWith('/tags/')) return false;
  const first = path.split('/')[1] ?? '';
  return first === '' || !/^[A-Z]/.test(first);
}

/** Builds the handler; it answers undefined for requests that are not the console's. */
export function staticHandler(dir = defaultConsoleDir()): (method: string, path: string) => StaticResponse | undefined {
  const root = resolve(dir);
  const file = (rel: string): StaticResponse | undefined => {
    const p = normalize(join(root, rel));
    if (p !== root && !p.startsWith(root + sep)) return undefined;
    if (!existsSync(p) || !statSync(p).isFile()) return undefined;
    // Hashed asset names never change, so they can be cached; index.html must not be.
    const cache = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return { status: 200, headers: { 'content-type': TYPES[extname(p)] ?? 'application/octet-stream', 'cache-control': cache }, body: readFileSync(p) };
  };
  return (method, path) => {
    if ((method !== 'GET' && method !== 'HEAD') || !isConsolePath(path)) return undefined;
    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    const hit = rel !== '/' ? file(rel) : undefined;
    if (hit) return hit;
    // A missing asset (under /assets/, or a file type the console ships) is a 404; any other
    // console path is a client-side route, including a deep link whose ARN ends in a version such
    // as …/web/1.0.0 (its ".0" is not a file extension).
    if (rel.startsWith('/assets/') || extname(rel) in TYPES) return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Not found') };
    const index = file('/index.html');
    if (index) return index;
    return {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: Buffer.from('<!doctype html><title>ibex</title><p>The ibex console is not built. Run <code>npm run build</code>, then reload.</p>'),
    };
  };
}
