// A bare HTTP server on 127.0.0.1 for the world's admin routes (no guard, no API): what the
// route tests talk to. `onRequest` sees each request first (e.g. to watch its response finish).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { worldAdminRoutes } from '../../src/server/admin-world.js';
import type { World } from '../../src/world/index.js';

export async function serveWorldRoutes(
  world: World,
  onRequest?: (req: IncomingMessage, res: ServerResponse, url: URL) => void,
): Promise<{ server: Server; base: string }> {
  const routes = worldAdminRoutes(world);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    onRequest?.(req, res, url);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      routes(req, res, url, Buffer.concat(chunks)).then(
        (handled) => {
          if (!handled) res.writeHead(404).end('{"message":"not mine"}');
        },
        () => res.writeHead(500).end('{"message":"internal"}'),
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
