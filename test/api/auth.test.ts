import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { databases, PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';

const WRONG_CREDENTIALS = 'The e-mail or the password is not right.';

describe.each(databases)('signing in, sessions, tokens and the audit log on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let url: string;

  beforeAll(async () => {
    api = await startApi(kind, 'auth');
    world = await seedWorld(api.server.url, api.admin);
    url = api.server.url;
  });
  afterAll(() => api?.stop());

  /** A raw request, as a browser on the site's own origin would send it (a browser names the origin of every POST). */
  async function call(
    method: 'GET' | 'POST',
    path: string,
    options: {
      cookie?: string;
      bearer?: string;
      json?: unknown;
      body?: string;
      contentType?: string;
      origin?: string | null;
    } = {},
  ) {
    const headers: Record<string, string> = {};
    if (options.origin !== null) headers.origin = options.origin ?? url;
    if (options.cookie) headers.cookie = options.cookie;
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let body = options.body;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(url + path, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, text, body: json };
  }

  const login = (email: string, password: string) => call('POST', '/api/v1/auth/login', { json: { email, password } });

  async function sessionOf(email: string): Promise<string> {
    const answer = await login(email, PASSWORD);
    expect(answer.status).toBe(200);
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('tejido_session='));
    if (!cookie) throw new Error('no session cookie');
    return cookie.split(';')[0]!;
  }

  async function newUser(email: string) {
    const made = await api.admin.post('/api/v1/users', {
      email,
      displayName: 'Prueba',
      role: 'facilitator',
      password: PASSWORD,
    });
    expect(made.status).toBe(201);
    return made.body.user as { id: string; email: string };
  }

  test('signing in sets an HttpOnly, SameSite=Strict session cookie, not marked Secure over http', async () => {
    const answer = await login('faca@tejido.test', PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ email: 'faca@tejido.test', role: 'facilitator' });
    expect(answer.body.user).not.toHaveProperty('passwordHash');
    const cookies = answer.headers.getSetCookie().filter((c) => c.startsWith('tejido_session='));
    expect(cookies).toHaveLength(1);
    const [pair, ...attributes] = cookies[0]!.split(';').map((part) => part.trim());
    expect(pair).toMatch(/^tejido_session=[A-Za-z0-9_-]{40,}$/);
    const names = attributes.map((a) => a.split('=')[0]!.toLowerCase());
    expect(names).toContain('httponly');
    expect(attributes.map((a) => a.toLowerCase())).toContain('samesite=strict');
    expect(attributes.map((a) => a.toLowerCase())).toContain('path=/');
    expect(names).not.toContain('secure');
  });

  test('a wrong password and an unknown e-mail get the same 401 answer', async () => {
    const wrongPassword = await login('coordb@tejido.test', 'no-es-la-clave-correcta');
    const unknownEmail = await login('nadie@tejido.test', PASSWORD);
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      error: { code: 'unauthenticated', message: WRONG_CREDENTIALS, field: 'password' },
    });
    expect({ status: unknownEmail.status, body: unknownEmail.body }).toEqual({
      status: wrongPassword.status,
      body: wrongPassword.body,
    });
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
    expect(unknownEmail.headers.getSetCookie()).toEqual([]);
  });

  test('after five failed sign-ins for one account the sixth is refused with 429 and Retry-After, even with the right password', async () => {
    const user = await newUser('bloqueada@tejido.test');
    // Four failures do not lock the account, and a good sign-in clears them.
    for (let i = 0; i < 4; i++) expect((await login(user.email, `mala-${i}`)).status).toBe(401);
    expect((await login(user.email, PASSWORD)).status).toBe(200);

    for (let i = 0; i < 5; i++) expect((await login(user.email, `mala-otra-vez-${i}`)).status).toBe(401);
    const sixth = await login(user.email, PASSWORD);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('rate_limited');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(sixth.headers.getSetCookie()).toEqual([]);
    // The lock is on that account: another one still signs in from the same address.
    expect((await login('facb@tejido.test', PASSWORD)).status).toBe(200);
  });

  test('a bearer token from POST /api/v1/auth/tokens signs requests in, and a garbage token gets 401', async () => {
    const made = await world.users.facA.client.post('/api/v1/auth/tokens', { label: 'Teléfono de Rosa' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), token: expect.any(String), expiresAt: expect.any(String) });
    const phone = new ApiClient(url).withBearer(made.body.token);
    const me = await phone.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: world.users.facA.id, email: 'faca@tejido.test' });
    expect((await phone.get(`/api/v1/banks/${world.banks.a1}/members`)).status).toBe(200);

    const garbage = await new ApiClient(url).withBearer('no-es-un-token-valido').get('/api/v1/me');
    expect(garbage.status).toBe(401);
    expect(garbage.body.error.code).toBe('unauthenticated');
    // A bearer token is not a session cookie, and a session cookie is not a bearer token.
    expect((await call('GET', '/api/v1/me', { cookie: `tejido_session=${made.body.token}` })).status).toBe(401);
    const cookie = await sessionOf('faca@tejido.test');
    expect((await call('GET', '/api/v1/me', { bearer: cookie.split('=')[1] })).status).toBe(401);
  });

  test('signing out revokes the session: the old cookie then gets 401 on /api/v1/me', async () => {
    const cookie = await sessionOf('coorda@tejido.test');
    expect((await call('GET', '/api/v1/me', { cookie })).status).toBe(200);
    const out = await call('POST', '/api/v1/auth/logout', { cookie });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ok: true });
    // The browser is told to drop the cookie, and the server no longer honours it if kept.
    expect(out.headers.getSetCookie().find((c) => c.startsWith('tejido_session='))).toMatch(
      /expires=Thu, 01 Jan 1970|max-age=0/i,
    );
    const after = await call('GET', '/api/v1/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  test('signing out with a bearer token revokes that token', async () => {
    const made = await world.users.facB.client.post('/api/v1/auth/tokens', {});
    expect(made.status).toBe(201);
    expect((await call('POST', '/api/v1/auth/logout', { bearer: made.body.token })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { bearer: made.body.token })).status).toBe(401);
    // Only that token: facilitator B's cookie session is still good.
    expect((await world.users.facB.client.get('/api/v1/me')).status).toBe(200);
  });

  test('a JSON body sent as text/plain is refused with 400 from any origin, and nothing is written', async () => {
    const cookie = await sessionOf('admin@tejido.test');
    const region = { id: randomUUID(), code: 'CSRF', name: 'Región de un formulario ajeno' };
    const sameSite = await call('POST', '/api/v1/regions', {
      cookie,
      body: JSON.stringify(region),
      contentType: 'text/plain',
    });
    expect(sameSite.status).toBe(400);
    expect(sameSite.body.error).toMatchObject({ code: 'invalid_request', field: 'content-type' });
    // What a form on another site sends (a browser would not even attach the SameSite=Strict cookie).
    const crossSite = await call('POST', '/api/v1/regions', {
      cookie,
      body: JSON.stringify(region),
      contentType: 'text/plain',
      origin: 'https://otro-sitio.example',
    });
    expect(crossSite.status).toBe(400);
    expect(crossSite.body.error).toMatchObject({ code: 'invalid_request', field: 'content-type' });
    const noOrigin = await call('POST', '/api/v1/regions', {
      cookie,
      body: JSON.stringify(region),
      contentType: 'text/plain;charset=UTF-8',
      origin: null,
    });
    expect(noOrigin.status).toBe(400);
    const regions = await call('GET', '/api/v1/regions', { cookie });
    expect(regions.body.regions.map((r: { id: string }) => r.id)).not.toContain(region.id);
    // The same body as JSON is accepted, so the refusals above were about the media type.
    expect((await call('POST', '/api/v1/regions', { cookie, json: region })).status).toBe(201);

    const plainLogin = await call('POST', '/api/v1/auth/login', {
      body: JSON.stringify({ email: 'admin@tejido.test', password: PASSWORD }),
      contentType: 'text/plain',
    });
    expect(plainLogin.status).toBe(400);
    expect(plainLogin.headers.getSetCookie()).toEqual([]);
  });

  test('the audit log records sign-ins, failed sign-ins and user creation; an admin reads it and a coordinator gets 403', async () => {
    const actions = async () =>
      (await api.admin.get('/api/v1/audit?limit=500')).body.entries as {
        action: string;
        actorEmail: string | null;
        entityId: string | null;
      }[];
    const failedBefore = (await actions()).filter((e) => e.action === 'login.failed').length;
    expect((await login('faca@tejido.test', 'clave-equivocada-123')).status).toBe(401);
    const user = await newUser(`auditada-${randomUUID().slice(0, 8)}@tejido.test`);
    expect((await login(user.email, PASSWORD)).status).toBe(200);

    const answer = await api.admin.get('/api/v1/audit?limit=500');
    expect(answer.status).toBe(200);
    const entries = answer.body.entries as {
      action: string;
      actorEmail: string | null;
      entityId: string | null;
      detail: unknown;
    }[];
    expect(entries.filter((e) => e.action === 'login.failed')).toHaveLength(failedBefore + 1);
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'user.create', entityId: user.id, actorEmail: 'admin@tejido.test' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'login', entityId: user.id, actorEmail: user.email }),
    );
    // The first admin, made by the command line, is in the log too.
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'user.create',
        actorEmail: 'admin@tejido.test',
        detail: { role: 'admin', via: 'command-line' },
      }),
    );
    expect(answer.text).not.toContain(PASSWORD);
    expect(answer.text).not.toContain('clave-equivocada-123');

    const coordinator = await world.users.coordA.client.get('/api/v1/audit');
    expect(coordinator.status).toBe(403);
    expect(coordinator.body.error.code).toBe('forbidden');
    expect(coordinator.body.entries).toBeUndefined();
  });

  test('the audit log is append-only in the database itself: UPDATE and DELETE fail', async () => {
    const updateAll = "UPDATE audit_log SET action='x'";
    const deleteAll = 'DELETE FROM audit_log';
    const count = 'SELECT count(*) AS n FROM audit_log';
    if (kind === 'sqlite') {
      const db = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { timeout: 5000 });
      try {
        const before = Number((db.prepare(count).get() as { n: number }).n);
        expect(before).toBeGreaterThan(0);
        expect(() => db.exec(updateAll)).toThrow(/append-only/);
        expect(() => db.exec(deleteAll)).toThrow(/append-only/);
        expect(Number((db.prepare(count).get() as { n: number }).n)).toBe(before);
        expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'x'").get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } else {
      expect(api.databaseUrl).toMatch(/^postgres:/);
      const client = new pg.Client({ connectionString: api.databaseUrl });
      await client.connect();
      try {
        const before = Number((await client.query(count)).rows[0].n);
        expect(before).toBeGreaterThan(0);
        await expect(client.query(updateAll)).rejects.toThrow(/append-only/);
        await expect(client.query(deleteAll)).rejects.toThrow(/append-only/);
        await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
        expect(Number((await client.query(count)).rows[0].n)).toBe(before);
      } finally {
        await client.end();
      }
    }
    // The server still appends to it.
    expect((await login('facb@tejido.test', PASSWORD)).status).toBe(200);
  });
});
