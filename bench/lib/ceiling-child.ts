// Child-process entry: the ceiling — a bare node:http server answering every request with a fixed
// 200-byte JSON body. Nothing a real service can do is cheaper on this machine.
import { createServer } from 'node:http';

const body = JSON.stringify({ requestId: '00000000-0000-0000-0000-000000000000', padding: '' });
const fixed = Buffer.from(JSON.stringify({ requestId: '00000000-0000-0000-0000-000000000000', padding: 'x'.repeat(200 - body.length) }));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': fixed.length });
    res.end(fixed);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
// The parent holds our stdin open: when it goes away (even killed), so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
