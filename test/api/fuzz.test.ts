import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contracts, type Contract } from '../../src/api/v1/contracts.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { arbitraryFor, hostile, type Pools } from '../support/zod-arbitrary.ts';

/**
 * An attacker's afternoon against every route of the contracts, on the real server and database:
 * random and near-valid bodies derived from the routes' own zod schemas, odd content types, NUL
 * bytes, lone surrogates, huge numbers, deep JSON, wrong methods and bad ids, anonymous and as
 * every role. Nothing may answer 5xx, and no answer may show a stack trace, a file path or SQL.
 * FUZZ_SEED=<n> replays a run (the seed is printed); FUZZ_REQUESTS=<n> per database (default 10,000).
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Who = 'anonymous' | 'admin' | 'coordA' | 'facA' | 'facB' | 'badBearer';

interface FuzzRequest {
  who: Who;
  method: string;
  path: string;
  contentType: string | null;
  body: string | undefined;
  extraHeaders: Record<string, string>;
}

/** A stack frame, a path on the server, a source location, or SQL and database error wording. */
const LEAK =
  /\bat (?:async )?[\w$.<>]+ \(|(?:\/work|\/home|\/tmp|\/usr|node_modules)\/|\.(?:ts|mjs|js):\d+|\bSQLITE_|duplicate key value|violates (?:unique|foreign key|check|not-null) constraint|UNIQUE constraint failed|syntax error at or near|\b(?:select \S+ from|insert into|delete from|update \S+ set)\b/i;

const oddContentTypes = [
  null,
  'text/plain',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'APPLICATION/JSON',
  'text/csv',
  'application/json',
  'application/jsonx',
  '*/*',
];
const badIds = [
  'not-a-uuid',
  '%00',
  'a%00b',
  '..',
  '%2e%2e',
  '%E2%80%AE',
  '%ED%A0%80',
  '%ZZ',
  'x'.repeat(300),
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
];

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function queryOf(value: unknown): string {
  // URLSearchParams writes a lone surrogate as U+FFFD; raw %ED%A0%80 and %00 come from badIds in paths.
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return value === undefined ? '' : `?${new URLSearchParams({ q: textOf(value) })}`;
  const params = new URLSearchParams();
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(key, textOf(item));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function csvArbitrary(pools: Pools): fc.Arbitrary<string> {
  const cell = fc.oneof(
    fc.constantFrom('S-001', 'Rosa Quispe', '2026-03-01', '', '"', '"a,b"', 'x'.repeat(200)),
    hostile.map(textOf),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(...pools.ids),
  );
  const header = fc.oneof(
    { weight: 4, arbitrary: fc.constant('member_code,display_name,enrolled_on') },
    { weight: 1, arbitrary: fc.constant('member_code,display_name,enrolled_on,id') },
    { weight: 1, arbitrary: fc.array(cell, { maxLength: 5 }).map((c) => c.join(',')) },
  );
  const row = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.stringMatching(/^[A-Z]-\d{3}$/),
          fc.constantFrom('Rosa', 'Juana Ccori'),
          fc.constantFrom('2026-03-01', '2026-02-30'),
        )
        .map((r) => r.join(',')),
    },
    { weight: 2, arbitrary: fc.array(cell, { minLength: 1, maxLength: 5 }).map((c) => c.join(',')) },
  );
  return fc
    .tuple(header, fc.array(row, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([h, rows, eol]) => [h, ...rows].join(eol) + eol);
}

function requestsFor(contract: Contract, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const who: fc.Arbitrary<Who> =
    contract.path === '/auth/logout'
      ? fc.constantFrom('anonymous', 'badBearer')
      : fc.constantFrom('anonymous', 'admin', 'coordA', 'facA', 'facB', 'badBearer');
  const method = fc.oneof(
    { weight: 8, arbitrary: fc.constant(contract.method) },
    { weight: 2, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
  );
  const paramNames = [...contract.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const param = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pools.ids) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...badIds) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent) },
  );
  const params = fc.tuple(...paramNames.map(() => param));
  const query = contract.query
    ? fc.oneof(
        { weight: 5, arbitrary: arbitraryFor(contract.query, pools) },
        { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostile) },
      )
    : fc.option(fc.dictionary(fc.string({ maxLength: 8 }), hostile, { maxKeys: 2 }), { nil: undefined, freq: 5 });
  const jsonBody =
    contract.body && contract.bodyType !== 'text/csv'
      ? arbitraryFor(contract.body, pools).map(textOf)
      : fc.jsonValue({ maxDepth: 3 }).map(textOf);
  const body = fc.oneof(
    { weight: 8, arbitrary: contract.bodyType === 'text/csv' ? csvArbitrary(pools) : jsonBody },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(textOf) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"a":',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        '1e999999',
        '-',
        '\u0000',
        '\ufeff{}',
        '{}'.repeat(1000),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const rightType = contract.bodyType ?? 'application/json';
  const contentType = fc.oneof(
    { weight: 7, arbitrary: fc.constant(rightType) },
    { weight: 3, arbitrary: fc.constantFrom(...oddContentTypes) },
  );
  const extraHeaders = fc.oneof(
    { weight: 6, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.constant({
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
      }),
    },
    { weight: 1, arbitrary: fc.constant({ origin: 'https://evil.example' }) },
    { weight: 1, arbitrary: fc.constant({ authorization: 'Basic YWRtaW46YWRtaW4=' }) },
  );
  return fc.record({ who, method, params, query, body, contentType, extraHeaders }).map((r) => ({
    who: r.who,
    method: r.method,
    path:
      '/api/v1' +
      contract.path.replace(/\{(\w+)\}/g, (_, name: string) => r.params[paramNames.indexOf(name)] ?? '') +
      queryOf(r.query),
    contentType: r.contentType,
    body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
    extraHeaders: r.extraHeaders,
  }));
}

/** The coordinator page's own sign-in form, in both languages: the other route that reads a request body. */
const formRequests: fc.Arbitrary<FuzzRequest> = fc
  .record({
    path: fc.constantFrom('/coordinacion/', '/en/coordinacion/'),
    fields: fc.dictionary(fc.constantFrom('email', 'password', 'action', 'x'), hostile.map(textOf), { maxKeys: 3 }),
    contentType: fc.constantFrom(
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zzz',
      'text/plain',
      null,
    ),
    who: fc.constantFrom<Who>('anonymous', 'coordA'),
  })
  .map((r) => ({
    who: r.who,
    method: 'POST',
    path: r.path,
    contentType: r.contentType,
    body: new URLSearchParams(r.fields as Record<string, string>).toString(),
    extraHeaders: {},
  }));

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

describe.each(databases)('fuzzing every route on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let roster: ReturnType<typeof members>;
  let cookies: Record<'admin' | 'coordA' | 'facA' | 'facB', string>;

  beforeAll(async () => {
    api = await startApi(kind, 'fuzz');
    world = await seedWorld(api.server.url, api.admin);
    roster = members(6);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status,
    ).toBe(200);
    const cookieOf = (client: unknown) => (client as { cookie: string }).cookie;
    cookies = {
      admin: cookieOf(world.admin),
      coordA: cookieOf(world.users.coordA.client),
      facA: cookieOf(world.users.facA.client),
      facB: cookieOf(world.users.facB.client),
    };
  });
  afterAll(() => api?.stop());

  test(
    `${REQUESTS} generated requests: no 5xx, no stack trace, path or SQL in any answer`,
    { timeout: 600_000 },
    async () => {
      const pools: Pools = {
        ids: [
          ...Object.values(world.banks),
          ...roster.map((m) => m.id),
          ...Object.values(world.regions),
          ...Object.values(world.users).map((u) => u.id),
          randomUUID(),
        ],
        words: [
          'gv-espacio-de-confianza',
          'gv-violencia-no-es-normal',
          'imagen-peru',
          'Rosa Quispe',
          'BC-A1',
          'AYA',
          'bank',
          'region',
        ],
      };
      const everyRoute = fc.oneof(
        { weight: 25, arbitrary: fc.oneof(...Object.values(contracts).map((c) => requestsFor(c as Contract, pools))) },
        { weight: 1, arbitrary: formRequests },
      );
      const requests = fc.sample(everyRoute, { numRuns: REQUESTS, seed: SEED });
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      const started = performance.now();
      await pool(requests, CONCURRENCY, async (r) => {
        const headers: Record<string, string> = { ...r.extraHeaders };
        if (r.contentType && r.body !== undefined) headers['content-type'] = r.contentType;
        if (r.who === 'badBearer') headers.authorization = 'Bearer ' + 'A'.repeat(43);
        else if (r.who !== 'anonymous') headers.cookie = cookies[r.who];
        let status: number;
        let text: string;
        // A keep-alive socket the server closed as it was reused is sent again once, as a browser would.
        const send = () =>
          fetch(api.server.url + r.path, { method: r.method, headers, body: r.body, redirect: 'manual' });
        try {
          const answer = await send().catch((error: { cause?: { code?: string } }) => {
            if (error.cause?.code === 'UND_ERR_SOCKET' || error.cause?.code === 'ECONNRESET') return send();
            throw error;
          });
          status = answer.status;
          text = await answer.text();
        } catch (error) {
          failures.push(
            `${r.method} ${r.path} as ${r.who}: the request failed (${String((error as Error).cause ?? error)})`,
          );
          return;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 || LEAK.test(text))
          failures.push(
            `${status} for ${r.method} ${r.path} as ${r.who} (${r.contentType}) body ${JSON.stringify(r.body?.slice(0, 200))}: ${text.slice(0, 300)}`,
          );
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `[fuzz] ${kind}: ${requests.length} requests in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
      );
      expect(failures.slice(0, 10), `seed ${SEED}`).toEqual([]);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
      // Some requests passed every check and were served: the fuzzer is not only knocking on the door.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
      expect(api.server.output()).not.toContain('[api] request');
      // And the server is still up, on the same process.
      expect((await fetch(`${api.server.url}/api/health`)).status).toBe(200);
    },
  );
});
