import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { members, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { startPostgres, type RunningPostgres } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { migrations } from '../../src/attendance/migrations/index.ts';

/** A raw request to one process, with a session cookie or a bearer token from any process. */
async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { cookie?: string; bearer?: string; json?: unknown } = {},
) {
  const headers: Record<string, string> = { origin: base };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base + path, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

const login = (base: string, email: string, password: string) =>
  call(base, 'POST', '/api/v1/auth/login', { json: { email, password } });

async function cookieFrom(base: string, email: string): Promise<string> {
  const answer = await login(base, email, PASSWORD);
  expect(answer.status).toBe(200);
  return answer.headers
    .getSetCookie()
    .find((c) => c.startsWith('tejido_session='))!
    .split(';')[0]!;
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe('two API processes on one PostgreSQL behave as one', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let a: string;
  let b: string;

  beforeAll(async () => {
    api = await startApi('postgresql', 'twoproc', { roles: 'separate' });
    world = await seedWorld(api.server.url, api.admin);
    a = api.server.url;
    b = (await api.startAnother()).url;
    expect(a).not.toBe(b);
  });
  afterAll(() => api?.stop());

  async function newFacilitator(email: string) {
    const made = await api.admin.post('/api/v1/users', {
      email,
      displayName: 'Prueba',
      role: 'facilitator',
      password: PASSWORD,
    });
    expect(made.status).toBe(201);
    return email;
  }

  test('a session signed in on one process works on the other, and signing out on one is refused at once on the other', async () => {
    const cookie = await cookieFrom(a, 'faca@tejido.test');
    const me = await call(b, 'GET', '/api/v1/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: world.users.facA.id, email: 'faca@tejido.test' });

    expect((await call(b, 'POST', '/api/v1/auth/logout', { cookie })).status).toBe(200);
    const after = await call(a, 'GET', '/api/v1/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');

    // The same for a bearer token made on the other process.
    const other = await cookieFrom(b, 'facb@tejido.test');
    const token = (await call(b, 'POST', '/api/v1/auth/tokens', { cookie: other, json: { label: 'Teléfono' } })).body
      .token as string;
    expect((await call(a, 'GET', '/api/v1/me', { bearer: token })).status).toBe(200);
    expect((await call(a, 'POST', '/api/v1/auth/logout', { bearer: token })).status).toBe(200);
    expect((await call(b, 'GET', '/api/v1/me', { bearer: token })).status).toBe(401);
  });

  test('the same attendance batch resent at once to both processes is stored once, and no request gets a 5xx', async () => {
    const cookie = await cookieFrom(a, 'faca@tejido.test');
    const roster = members(8, 'DOS');
    expect(
      (await call(a, 'POST', `/api/v1/banks/${world.banks.a1}/members`, { cookie, json: { members: roster } })).status,
    ).toBe(200);
    const client = new pg.Client({ connectionString: api.roles!.ownerUrl });
    await client.connect();
    try {
      // Three batches, each sent three times to each process in the same instant, like a phone retrying on two paths.
      for (let round = 0; round < 3; round++) {
        const batch = {
          delivery: {
            id: randomUUID(),
            bankId: world.banks.a1,
            sessionId: 'gv-espacio-de-confianza',
            deliveredOn: `2026-05-0${round + 1}`,
          },
          records: roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i % 3 !== 0 })),
        };
        const answers = await Promise.all(
          [a, b, a, b, a, b].map((base) => call(base, 'POST', '/api/v1/attendance-batches', { cookie, json: batch })),
        );
        const statuses = answers.map((r) => r.status);
        expect(
          statuses.filter((s) => s >= 500),
          `round ${round}: ${JSON.stringify(answers.map((r) => r.body))}`,
        ).toEqual([]);
        expect(tally(statuses)).toEqual({ 200: 6 });
        expect(answers.map((r) => r.body.delivery.status).sort()).toEqual([
          'created',
          'unchanged',
          'unchanged',
          'unchanged',
          'unchanged',
          'unchanged',
        ]);
        const stored = await client.query(
          'select (select count(*)::int from deliveries where id = $1) as deliveries, (select count(*)::int from attendance where delivery_id = $1) as records',
          [batch.delivery.id],
        );
        expect(stored.rows).toEqual([{ deliveries: 1, records: 8 }]);
      }
    } finally {
      await client.end();
    }
  });

  // Rate-limit tests last: every failure also counts against the one test address (20 in 15 minutes).
  test('wrong guesses alternating between the processes are counted together: the sixth is refused on both', async () => {
    const email = await newFacilitator('alterna@tejido.test');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(i % 2 ? b : a, email, `mala-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const onB = await login(b, email, PASSWORD);
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(a, email, PASSWORD)).status).toBe(429);
  });

  test('eight wrong guesses at once, four to each process, get at most five 401s and the rest 429; then the right password is refused on both', async () => {
    const email = await newFacilitator('simultanea@tejido.test');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => login(i % 2 ? b : a, email, `mala-${i}`)));
    const counts = tally(answers.map((r) => r.status));
    // Exactly the limit: the account allows 5 failures in 15 minutes, whichever process hears them.
    expect(counts).toEqual({ 401: 5, 429: 3 });
    expect((await login(a, email, PASSWORD)).status).toBe(429);
    expect((await login(b, email, PASSWORD)).status).toBe(429);
  });
});

describe('two processes starting together on a fresh database with two roles', () => {
  let postgres: RunningPostgres;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await postgres?.stop();
  });

  test('both migrate and grant at their first request without tripping over each other', async () => {
    const roles = await postgres.createDatabaseWithRoles('twostart');
    const env = { DATABASE_URL: roles.appUrl, DATABASE_OWNER_URL: roles.ownerUrl };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    const answers = await Promise.all(
      servers.flatMap((s) => [fetch(`${s.url}/api/health`), fetch(`${s.url}/api/health`)]),
    );
    expect(
      answers.map((r) => r.status),
      servers.map((s) => s.output()).join('\n'),
    ).toEqual([200, 200, 200, 200]);
    for (const answer of answers)
      expect(await answer.json()).toEqual({
        status: 'ok',
        database: { kind: 'postgresql', reachable: true, appRoleOwnsSchema: false },
      });
    expect(await postgres.query('twostart', 'select count(*)::int as n from kysely_migration')).toEqual([
      { n: Object.keys(migrations).length },
    ]);
  });
});
