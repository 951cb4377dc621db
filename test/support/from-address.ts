import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  ms: number;
}

/**
 * One HTTP request sent from a given loopback address (127.0.0.0/8 is all ours on Linux), so
 * the server sees a real other client address, as it would from another phone: not a header
 * anyone could forge. A fresh connection each time, like many phones at once.
 */
export function requestFrom(
  baseUrl: string,
  localAddress: string,
  method: 'GET' | 'POST',
  path: string,
  options: { json?: unknown; bearer?: string; cookie?: string } = {},
): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  const headers: Record<string, string> = { origin: url.origin };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookie) headers.cookie = options.cookie;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers,
        localAddress,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = String(res.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : undefined;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json, ms: performance.now() - started });
        });
      },
    );
    // A server that refuses a large body early (413) may close while the rest is still being
    // written: the answer still comes, so wait for it a moment before calling that a failure.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      // No answer at all: the server hung up on an upload it had refused. Status 0 says so.
      setTimeout(
        () => answered || resolve({ status: 0, headers: {}, body: undefined, ms: performance.now() - started }),
        500,
      );
    });
    // Written a megabyte at a time, heeding back-pressure, and no more once the answer is in: a
    // server that refuses a large body early answers while the upload is still going.
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
    let offset = 0;
    const more = () => {
      while (offset < bytes.length && !answered) {
        const chunk = bytes.subarray(offset, offset + 1024 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', more);
      }
      req.end();
    };
    more();
  });
}

/** Tally of statuses, e.g. { 401: 5, 429: 95 }. */
export const tally = (answers: { status: number }[]) =>
  answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});
