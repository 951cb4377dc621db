import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inlineScriptHashes } from '../../src/server/csp.ts';
import { clientDir } from '../support/built-site.ts';
import { members, seedWorld, startApi, type World } from '../support/api-world.ts';

/**
 * The headers every response carries, whatever serves it: the adapter's static handler (pages,
 * hashed assets, the service worker, other files), Astro (API, the coordinator page, 404s).
 */
describe('security headers on every response', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  const asset = readdirSync(join(clientDir, '_astro')).find((f) => f.endsWith('.js'));
  const stylesheet = readdirSync(join(clientDir, '_astro')).find((f) => f.endsWith('.css'));

  beforeAll(async () => {
    api = await startApi('sqlite', 'headers');
    world = await seedWorld(api.server.url, api.admin);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: members(2) })).status,
    ).toBe(200);
  });
  afterAll(() => api?.stop());

  const get = async (path: string, cookie?: string) => {
    const answer = await fetch(api.server.url + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    await answer.arrayBuffer();
    return answer;
  };
  const common = (headers: Headers) => ({
    nosniff: headers.get('x-content-type-options'),
    referrer: headers.get('referrer-policy'),
    frames: headers.get('x-frame-options'),
    frameAncestors: /(^|;\s*)frame-ancestors 'none'(;|$)/.test(headers.get('content-security-policy') ?? ''),
    hsts: headers.get('strict-transport-security'),
  });
  const expected = { nosniff: 'nosniff', referrer: 'same-origin', frames: 'DENY', frameAncestors: true, hsts: null };

  test.each([
    ['a prerendered page', '/', 200, 'text/html'],
    ['the service worker', '/sw.js', 200, 'text/javascript'],
    ['a static file that is neither HTML nor an image', '/manifest.webmanifest', 200, 'application/manifest+json'],
    ['the page rendered on the server', '/coordinacion/', 200, 'text/html'],
    ['the English page rendered on the server', '/en/coordinacion/', 200, 'text/html'],
    ['a page that does not exist', '/no-existe/', 404, 'text/html'],
  ])('%s (%s) has the site’s policy', async (_, path, status, type) => {
    const answer = await get(path);
    expect([answer.status, answer.headers.get('content-type')?.split(';')[0]]).toEqual([status, type]);
    expect(common(answer.headers)).toEqual(expected);
    const csp = answer.headers.get('content-security-policy') ?? '';
    // The inline scripts allowed are exactly those the build wrote, by hash; nothing inline otherwise.
    const allowed = [...csp.matchAll(/'(sha256-[^']+)'/g)].map((m) => m[1]);
    expect(allowed).toEqual(inlineScriptHashes(clientDir));
    expect(allowed).toHaveLength(1);
    expect(csp).toContain("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    expect(csp).toContain("object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  test.each([
    ['JSON', '/api/v1/banks', 200, 'application/json'],
    ['a CSV export', '/api/v1/exports/attendance.csv', 200, 'text/csv'],
    ['an API error', '/api/v1/banks/not-a-uuid/members', 400, 'application/json'],
    ['an unknown API route', '/api/v1/no-existe', 404, 'application/json'],
  ])('the API’s %s is never cached and may load nothing', async (_, path, status, type) => {
    const cookie = (world.users.facA.client as unknown as { cookie: string }).cookie;
    const answer = await get(path, cookie);
    expect([answer.status, answer.headers.get('content-type')?.split(';')[0]]).toEqual([status, type]);
    expect(common(answer.headers)).toEqual(expected);
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  test('the favicon carries the short policy: an SVG opened as a document could run script', async () => {
    const answer = await get('/favicon.svg');
    expect([answer.status, answer.headers.get('content-type')?.split(';')[0]]).toEqual([200, 'image/svg+xml']);
    expect(common(answer.headers)).toEqual(expected);
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  test.each([
    ['a hashed JS bundle', `/_astro/${asset}`, 'text/javascript', null],
    ['a hashed stylesheet', `/_astro/${stylesheet}`, 'text/css', 'same-origin'],
  ])(
    '%s carries nosniff only: policies act on documents, and every first visit loads several',
    async (_, path, type, referrer) => {
      const answer = await get(path);
      expect([answer.status, answer.headers.get('content-type')?.split(';')[0]]).toEqual([200, type]);
      // nosniff keeps a browser from ever reading the file as a page; a stylesheet keeps the
      // referrer policy, which its own url() requests follow.
      expect(common(answer.headers)).toEqual({ ...expected, frames: null, frameAncestors: false, referrer });
      for (const name of ['content-security-policy', 'cross-origin-opener-policy', 'last-modified', 'etag'])
        expect(answer.headers.get(name), name).toBeNull();
    },
  );

  test('a path that only looks like a hashed bundle is the 404 page, with every header of a document', async () => {
    for (const path of [
      '/_astro/no-such-bundle.js',
      '/_astro/no-such-sheet.css',
      `/x/_astro/${asset}`,
      '/_astro/a/b.js',
    ]) {
      const answer = await get(path);
      expect([answer.status, answer.headers.get('content-type')?.split(';')[0]], path).toEqual([404, 'text/html']);
      expect(common(answer.headers), path).toEqual(expected);
      expect(answer.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    }
  });

  test('hashed assets stay cacheable for a year: the headers do not override the static handler’s own', async () => {
    expect((await get(`/_astro/${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
