import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clientDir } from '../support/built-site.ts';
import { startServer, type RunningServer } from '../support/server.ts';

/**
 * What crosses the wire to a phone, on the real server over the real build: every text file in
 * brotli or gzip as the request accepts, byte-for-byte the built file once decompressed; pages,
 * JSON and CSV from Astro compressed too; a year of immutable caching for files named by their
 * content hash; ETags from the content (so a redeploy of an unchanged page is still a 304).
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers, redirect: 'manual' });
/** fetch() decompresses on its own; read the raw bytes as they crossed the wire through node:http instead. */
async function raw(path: string, acceptEncoding: string) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(server.url + path, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}
const largestIn = (folder: string, ext: string) =>
  readdirSync(join(clientDir, folder))
    .filter((f) => f.endsWith(ext))
    .map((f) => ({ f, size: readFileSync(join(clientDir, folder, f)).length }))
    .sort((a, b) => b.size - a.size)[0]?.f as string;
const tagOf = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(clientDir, file)))
    .digest('base64url')
    .slice(0, 22);

describe('static files on the wire', () => {
  const js = `/_astro/${largestIn('_astro', '.js')}`;
  const css = `/_astro/${largestIn('_astro', '.css')}`;

  test.each([
    ['/imagen-peru/', 'imagen-peru/index.html', 'text/html'],
    [js, js.slice(1), 'text/javascript'],
    [css, css.slice(1), 'text/css'],
    ['/catalog.json', 'catalog.json', 'application/json'],
    ['/sw.js', 'sw.js', 'text/javascript'],
  ])(
    '%s is sent in brotli and in gzip, each decompressing to the built file byte for byte',
    async (path, file, type) => {
      const built = readFileSync(join(clientDir, file));
      const br = await raw(path, 'gzip, deflate, br');
      expect([br.status, br.headers['content-encoding'], br.headers.vary]).toEqual([200, 'br', 'Accept-Encoding']);
      expect(String(br.headers['content-type'])).toContain(type);
      expect(brotliDecompressSync(br.body).equals(built)).toBe(true);
      expect(br.body.length).toBeLessThan(built.length * 0.9);
      const gz = await raw(path, 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(built)).toBe(true);
      const plain = await raw(path, 'identity');
      expect([plain.headers['content-encoding'], plain.body.equals(built)]).toEqual([undefined, true]);
    },
  );

  test('files named by their content hash are cached for a year, immutable; pages and the service worker are revalidated', async () => {
    const fragment = `/pagefind/fragment/${readdirSync(join(clientDir, 'pagefind', 'fragment'))[0]}`;
    for (const path of [js, css, fragment])
      expect((await get(path)).headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
    for (const path of ['/imagen-peru/', '/sw.js', '/pagefind/pagefind-entry.json', '/catalog.json'])
      expect((await get(path)).headers.get('cache-control'), path).toBe('public, no-cache');
  });

  test('an ETag is the file’s content hash, one per encoding, and answers a revalidation with 304 and no body', async () => {
    const tag = tagOf('imagen-peru/index.html');
    expect((await get('/imagen-peru/', { 'accept-encoding': 'br' })).headers.get('etag')).toBe(`"${tag}-br"`);
    expect((await get('/imagen-peru/', { 'accept-encoding': 'gzip' })).headers.get('etag')).toBe(`"${tag}-gzip"`);
    expect((await get('/imagen-peru/', { 'accept-encoding': 'identity' })).headers.get('etag')).toBe(`"${tag}"`);
    const again = await raw('/imagen-peru/', 'br');
    const revalidated = await get('/imagen-peru/', {
      'accept-encoding': 'br',
      'if-none-match': String(again.headers.etag),
    });
    expect([
      revalidated.status,
      (await revalidated.arrayBuffer()).byteLength,
      revalidated.headers.get('cache-control'),
    ]).toEqual([304, 0, 'public, no-cache']);
    // A tag of another encoding is another representation: the full answer.
    expect((await get('/imagen-peru/', { 'accept-encoding': 'br', 'if-none-match': `"${tag}-gzip"` })).status).toBe(
      200,
    );
  });

  test('pages and JSON made by the server are compressed; the security headers stay', async () => {
    for (const path of ['/oficina/', '/api/v1/openapi.json']) {
      const answer = await raw(path, 'br, gzip');
      expect([answer.status, answer.headers['content-encoding'], answer.headers.vary], path).toEqual([
        200,
        'br',
        'Accept-Encoding',
      ]);
      expect(answer.headers['content-security-policy'], path).toMatch(/default-src '(self|none)'/);
      expect(brotliDecompressSync(answer.body).length, path).toBeGreaterThan(1024);
    }
    const openapi = await raw('/api/v1/openapi.json', 'br');
    expect(JSON.parse(brotliDecompressSync(openapi.body).toString('utf8')).openapi).toMatch(/^3\./);
  });

  test('a POST to a static page, an unknown path and a path outside the site are not served as files', async () => {
    expect((await get('/no-such-page/')).status).toBe(404);
    expect((await get('/../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/_astro/../../package.json')).status).toBe(404);
  });
});
