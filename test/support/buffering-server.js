// What an upload path must not do: read the whole request body into memory before answering.
// The memory tests run it under the same sampler as Confab, to show the sampler would see it.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    // Held a moment longer, as a handler that works on the body would.
    setTimeout(() => {
      const bytes = Buffer.concat(chunks).length;
      response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ bytes }));
    }, 200);
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
