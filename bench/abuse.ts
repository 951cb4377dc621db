import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RunningServer } from '../test/support/server.ts';
import type { Row } from './table.ts';

const MB_OF_A = Buffer.alloc(1024 * 1024, 'a');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * One HTTP request with node:http, timed to the response's status line (not to the end of an upload).
 * `body` is sent at once; `chunks` one after another as the socket takes them, until the answer
 * comes (a chunked upload when no Content-Length is given); `prefix` is written and the request
 * left open, for a declared length the client never means to send.
 */
function timed(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunks?: { chunk: Buffer; count: number };
    prefix?: string;
    localAddress?: string;
  } = {},
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let answered = false;
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, agent: false },
      (res) => {
        answered = true;
        const ms = performance.now() - t0;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, ms }));
      },
    );
    // The server may answer 413 and close before the whole body is sent: that is the point. A
    // connection closed with no answer at all counts as status 0.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      setTimeout(() => answered || resolve({ status: 0, ms: performance.now() - t0 }), 2000);
    });
    if (options.prefix !== undefined) return void req.write(options.prefix);
    const { chunks } = options;
    if (!chunks) return void (options.body ? req.end(options.body) : req.end());
    let sent = 0;
    const more = () => {
      while (sent < chunks.count && !answered) {
        sent++;
        if (!req.write(chunks.chunk)) return void req.once('drain', more);
      }
      req.end();
    };
    more();
  });
}

/**
 * What abuse costs the site: a static page's latency while 100 sign-ins (each from its own
 * loopback address, so no throttle cuts them short) hit the password hash, against the same page
 * with nothing else going on; and a 20 MB body to the sign-in route.
 */
export async function benchAbuse(server: RunningServer, kind: string): Promise<Row[]> {
  const page = `${server.url}/`;
  for (let i = 0; i < 3; i++) await timed(page);
  const idle: number[] = [];
  for (let i = 0; i < 7; i++) idle.push((await timed(page)).ms);

  const body = (i: number) => JSON.stringify({ email: `nadie-${i}@bench.test`, password: `una-clave-equivocada-${i}` });
  const flood = Array.from({ length: 100 }, (_, i) =>
    timed(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(i),
      localAddress: `127.0.${10 + Math.floor(i / 200)}.${1 + (i % 200)}`,
    }),
  );
  const during: number[] = [];
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 7; i++) during.push((await timed(page)).ms);
  const answers = await Promise.all(flood);
  const statuses = Object.entries(
    answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {}),
  )
    .map(([s, n]) => `${n}×${s}`)
    .join(', ');

  const before = server.rssBytes();
  const big = Buffer.alloc(20 * 1024 * 1024, 'a');
  const refused: number[] = [];
  for (let i = 0; i < 3; i++)
    refused.push(
      (
        await timed(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
          body: big,
        })
      ).ms,
    );
  const growth = (server.rssBytes() - before) / (1024 * 1024);

  // The refusals test/api/limits.test.ts and login-throttle.test.ts check by order and behaviour,
  // timed here, where a busy machine makes a slow figure rather than a failed test.
  const login = `${server.url}/api/v1/auth/login`;
  const json = { 'content-type': 'application/json' };
  const streamed: number[] = [];
  const declared: number[] = [];
  const longPassword: number[] = [];
  for (let i = 0; i < 3; i++) {
    streamed.push((await timed(login, { method: 'POST', headers: json, chunks: { chunk: MB_OF_A, count: 20 } })).ms);
    const tenGb = { ...json, 'content-length': String(10 * 1024 ** 3) };
    declared.push((await timed(login, { method: 'POST', headers: tenGb, prefix: '{"email":' })).ms);
    const password = JSON.stringify({ email: `nadie-${i}@bench.test`, password: 'a'.repeat(1000 * 1000) });
    longPassword.push((await timed(login, { method: 'POST', headers: json, body: password })).ms);
  }

  return [
    { figure: `${kind}: static page /, median of 7, idle (yardstick)`, value: `${median(idle).toFixed(1)} ms` },
    {
      figure: `${kind}: static page /, median of 7, during 100 concurrent sign-ins (${statuses})`,
      value: `${median(during).toFixed(1)} ms = ${(median(during) / Math.max(0.1, median(idle))).toFixed(1)}× idle; max ${Math.max(...during).toFixed(0)} ms`,
      target: '< 1000 ms',
    },
    {
      figure: `${kind}: 20 MB body to /auth/login refused with 413, median of 3`,
      value: `${median(refused).toFixed(0)} ms, RSS +${growth.toFixed(1)} MB`,
      target: '< 1000 ms, < 100 MB',
    },
    {
      figure: `${kind}: 20 MB streamed in 1 MB chunks (no Content-Length) to /auth/login, 413, median of 3`,
      value: `${median(streamed).toFixed(0)} ms`,
      target: '< 1000 ms',
    },
    {
      figure: `${kind}: a declared 10 GB body to /auth/login, 413 and hang-up after 9 bytes, median of 3`,
      value: `${median(declared).toFixed(0)} ms`,
      target: '< 1000 ms',
    },
    {
      figure: `${kind}: a 1 MB password refused with 400 before any hash, median of 3`,
      value: `${median(longPassword).toFixed(0)} ms`,
      target: '< 1000 ms',
    },
  ];
}
