import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databases, members, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';

/**
 * An attacker's afternoon against the office's forms, on the real server and database. The
 * office pages run API actions through `perform()` (src/office/perform.ts); the API routes are
 * fuzzed in test/api/fuzz.test.ts, and this tries the other door: random and near-valid form
 * posts to every office page, in both languages, anonymous and as every role, urlencoded and
 * multipart, with NUL bytes, bytes that are not UTF-8, huge values, other banks' ids and actions
 * that belong to other pages. The server must never fault (no 5xx), never echo a stack, never
 * change anything for a form posted from another site, and never show a coordinator a name.
 */
const pages = [
  '/oficina/',
  '/oficina/organizacion/',
  '/oficina/socias/',
  '/oficina/socias/importar/',
  '/oficina/socias/ficha/',
  '/oficina/asistencias/',
  '/oficina/talleres/',
  '/oficina/actividades/',
  '/oficina/indicadores/',
  '/oficina/activar/',
];
const actions = [
  'add',
  'activate',
  'assign-bank',
  'deactivate',
  'edit',
  'erase',
  'import',
  'new-activity',
  'new-bank',
  'new-code',
  'new-region',
  'new-user',
  'new-workshop',
  'participants',
  'preview',
  'reactivate',
  'reinstate',
  'reopen',
  'unlock',
  'withdraw',
  'sign-in',
  'sign-out',
];
const fields = [
  'id',
  'code',
  'name',
  'regionId',
  'bankId',
  'facilitatorId',
  'userId',
  'displayName',
  'email',
  'role',
  'memberId',
  'memberCode',
  'enrolledOn',
  'withdrawnOn',
  'deliveryId',
  'workshopId',
  'title',
  'startsOn',
  'days',
  'place',
  'heldOn',
  'activityType',
  'women',
  'men',
  'girls',
  'boys',
  'setupCode',
  'newPassword',
  'newPasswordAgain',
  'password',
  'content',
  'programa',
];
type Who = 'anonymous' | 'admin' | 'coordA' | 'facA' | 'facB';
const NAME = 'Zoraida';

describe.each(databases)('the office’s forms under attack on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  const cookies: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    api = await startApi(kind, `office_forms_${kind}`);
    world = await seedWorld(api.server.url, api.admin);
    const added = await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, {
      members: members(6, 'Z').map((m) => ({ ...m, displayName: `${NAME} ${m.memberCode}` })),
    });
    expect(added.status).toBe(200);
    for (const who of ['admin', 'coordA', 'facA', 'facB'] as const) {
      const answer = await fetch(`${api.server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${who.toLowerCase()}@tejido.test`, password: PASSWORD }),
      });
      cookies[who] = (answer.headers.get('set-cookie') ?? '').split(';')[0];
    }
  });
  afterAll(async () => {
    await api?.stop();
  });

  const hostile = () =>
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '\u0000',
        'a\u0000b',
        '',
        ' ',
        '9'.repeat(400),
        'x'.repeat(70_000),
        '-1',
        '1e9',
        '2099-01-01',
        '2026-02-30',
        '../../etc',
        '<script>alert(1)</script>',
        "'; drop table members; --",
      ),
      fc.constantFrom(
        world.banks.a1,
        world.banks.a2,
        world.banks.b1,
        world.regions.a,
        world.regions.b,
        world.users.facA.id,
        world.users.coordA.id,
        randomUUID(),
      ),
    );

  function encode(
    form: Record<string, string>,
    multipart: boolean,
    rawBytes: boolean,
  ): { body: BodyInit; type?: string } {
    if (multipart) {
      const data = new FormData();
      for (const [k, v] of Object.entries(form)) data.append(k, v);
      if (form.action === 'preview' || form.action === 'import')
        data.append('file', new Blob([Buffer.from('código;nombre\nZ-1;Ñ\u0000\n', 'latin1')]), 'x.csv');
      return { body: data };
    }
    const text = new URLSearchParams(form).toString();
    // Bytes that are not UTF-8 (a lone surrogate's encoding, an overlong NUL) where text should be.
    return {
      body: rawBytes ? Buffer.concat([Buffer.from(text), Buffer.from('&name=%ED%A0%80&code=%C0%80')]) : text,
      type: 'application/x-www-form-urlencoded',
    };
  }

  test('1,200 random posts: no fault, no stack, no name shown to anyone but who keeps the roster', async () => {
    const request = fc.record({
      page: fc.constantFrom(...pages),
      english: fc.boolean(),
      who: fc.constantFrom<Who>('anonymous', 'admin', 'coordA', 'facA', 'facB'),
      action: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...actions) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
      form: fc.dictionary(fc.constantFrom(...fields), hostile(), { maxKeys: 8 }),
      query: fc.option(
        fc.record({
          bankId: fc.constantFrom(world.banks.a1, world.banks.b1, 'nope'),
          socia: fc.constantFrom(randomUUID(), 'x'),
        }),
        { nil: undefined },
      ),
      multipart: fc.boolean(),
      rawBytes: fc.boolean(),
    });
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { body, type } = encode({ ...r.form, action: r.action }, r.multipart, r.rawBytes);
        const query = r.query ? `?${new URLSearchParams(r.query)}` : '';
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        const cookie = r.who === 'anonymous' ? undefined : cookies[r.who];
        if (cookie) headers.cookie = cookie;
        // sign-out would end the shared session for the rest of the run.
        if (r.action === 'sign-out') return;
        const answer = await fetch(`${api.server.url}${r.english ? '/en' : ''}${r.page}${query}`, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
        });
        const html = await answer.text();
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${r.page} ${r.action} as ${r.who}: ${html.slice(0, 300)}`).toBeLessThan(500);
        expect(html).not.toMatch(/\bat [\w.<>]+ \(|node:internal|Kysely|SQLITE_|syntax error at/);
        if (r.who === 'coordA' || r.who === 'anonymous' || r.who === 'facB')
          expect(html, `${r.page} as ${r.who}`).not.toContain(NAME);
      }),
      { numRuns: 1_200, seed: 19_2026 },
    );
    // The run reached the pages' own answers, not only the front door.
    expect(seen.get(200) ?? 0).toBeGreaterThan(100);
    console.log(`[office forms] ${kind}: answers by status ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
  });

  test('a form posted from another site changes nothing, whoever’s cookie it carries', async () => {
    const before = (await world.admin.get('/api/v1/regions')).body.regions.length;
    const answer = await fetch(`${api.server.url}/oficina/organizacion/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookies.admin as string,
        origin: 'https://evil.example',
      },
      body: new URLSearchParams({ action: 'new-region', code: 'EVIL', name: 'Región falsa' }).toString(),
      redirect: 'manual',
    });
    expect(answer.status).toBe(400);
    expect((await world.admin.get('/api/v1/regions')).body.regions.length).toBe(before);
  });
});
