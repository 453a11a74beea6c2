// The floor for bench/country: a bare node:http server that reads the request and answers a fixed
// ~2 kB GraphQL-shaped JSON, no framework, no work. Timed by client.mjs exactly as the two servers
// are, it shows what this host and client alone put into a p50 and a p95.
// Usage: node floor-server.mjs <port>; prints "ready" once listening.
import { createServer } from 'node:http';

const body = JSON.stringify({ data: { rows: Array.from({ length: 40 }, (_, i) => ({ id: String(i), value: i / 7 })) } });
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(Number(process.argv[2]), '127.0.0.1', () => console.log('ready'));
