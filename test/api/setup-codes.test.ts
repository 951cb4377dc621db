import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { databases, PASSWORD, startApi } from '../support/api-world.ts';

/**
 * Issue 19: a new user's first sign-in without e-mail. The admin creates her account without a
 * password and gets a one-time set-up code, shown once; she chooses her own password with it.
 */
const CODE = /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/;
const NEW_PASSWORD = 'mi-clave-de-la-comunidad';

describe.each(databases)('one-time set-up codes on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  /** Runs SQL straight on the server's database, as someone with a copy of it would. */
  let run: (sql: string, params?: string[]) => Promise<Record<string, unknown>[]>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    api = await startApi(kind, 'setupcodes');
    if (kind === 'sqlite') {
      const db = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { timeout: 5000 });
      run = async (sql, params = []) => db.prepare(sql).all(...params) as Record<string, unknown>[];
      close = async () => db.close();
    } else {
      const client = new pg.Client({ connectionString: api.databaseUrl });
      await client.connect();
      run = async (sql, params = []) =>
        (
          await client.query(
            sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split('?').length}`),
            params,
          )
        ).rows;
      close = () => client.end();
    }
  });
  afterAll(async () => {
    await close?.();
    await api?.stop();
  });

  /** A new account made the office's way: no password, so the answer holds her set-up code. */
  async function newcomer(role: 'facilitator' | 'coordinator' = 'facilitator', extra: Record<string, unknown> = {}) {
    const email = `n-${randomUUID().slice(0, 8)}@tejido.test`;
    const made = await api.admin.post('/api/v1/users', { email, displayName: 'Rosa Facilitadora', role, ...extra });
    expect(made.status, made.text).toBe(201);
    return {
      id: made.body.user.id as string,
      email,
      code: made.body.setupCode.code as string,
      expiresAt: made.body.setupCode.expiresAt as string,
    };
  }

  const setUp = (client: ApiClient, body: { email: string; setupCode: string; newPassword?: string }) =>
    client.post('/api/v1/auth/setup', { newPassword: NEW_PASSWORD, ...body });
  const login = (email: string, password: string) =>
    new ApiClient(api.server.url).post('/api/v1/auth/login', { email, password });

  /** Every byte the database keeps: the SQLite file and its write-ahead log, or every row of every table. */
  async function everythingStored(): Promise<string> {
    if (kind === 'sqlite') {
      const file = join(api.server.dataDir, 'tejido.sqlite');
      return [file, `${file}-wal`]
        .filter(existsSync)
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
    }
    const tables = await run("select tablename from pg_tables where schemaname = 'public'");
    const rows: string[] = [];
    for (const { tablename } of tables)
      for (const r of await run(`select t::text as row from ${String(tablename)} t`)) rows.push(String(r.row));
    return rows.join('\n');
  }

  test('a user created without a password gets a code shown once; it is stored only as a slow hash, and no password signs her in', async () => {
    const { id, email, code, expiresAt } = await newcomer();
    expect(code).toMatch(CODE);
    // Valid for about a week.
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThan(7.1 * 24 * 3600_000);

    const listed = await api.admin.get('/api/v1/users');
    expect(listed.body.users.find((u: { id: string }) => u.id === id)).toEqual({
      id,
      email,
      displayName: 'Rosa Facilitadora',
      role: 'facilitator',
      regionId: null,
      state: 'pending',
      setupExpiresAt: expiresAt,
      locked: false,
    });
    const bare = code.replaceAll('-', '');
    for (const answer of [listed, await api.admin.get('/api/v1/audit?limit=500')]) {
      expect(answer.text).not.toContain(code);
      expect(answer.text).not.toContain(bare);
    }
    const stored = await everythingStored();
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(bare);
    const [row] = await run('select code_hash from setup_codes where user_id = ?', [id]);
    expect(String(row?.code_hash)).toMatch(/^scrypt\$/);

    expect((await login(email, PASSWORD)).status).toBe(401);
    expect((await login(email, code)).status).toBe(401);
  });

  test('she chooses her password with the code (typed in lower case, with spaces), is signed in, and the code is used up', async () => {
    const { id, email, code } = await newcomer();
    const phone = new ApiClient(api.server.url);
    const typed = code.toLowerCase().replaceAll('-', ' ');
    const answer = await setUp(phone, { email: email.toUpperCase(), setupCode: typed });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.user).toMatchObject({ id, email, role: 'facilitator' });
    expect(answer.headers.get('set-cookie')).toMatch(/^tejido_session=[^;]+;.*HttpOnly/i);
    expect((await phone.get('/api/v1/me')).body.user.id).toBe(id);
    expect((await run('select count(*) as n from setup_codes where user_id = ?', [id]))[0]?.n).toEqual(
      kind === 'sqlite' ? 0 : '0',
    );

    // One use only.
    const again = await setUp(new ApiClient(api.server.url), {
      email,
      setupCode: code,
      newPassword: 'otra-clave-para-robarla',
    });
    expect(again.status).toBe(401);
    expect(again.body.error).toMatchObject({ code: 'unauthenticated', field: 'setupCode', rule: 'setup.code_wrong' });
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);
    expect((await login(email, 'otra-clave-para-robarla')).status).toBe(401);
    const listed = (await api.admin.get('/api/v1/users')).body.users.find((u: { id: string }) => u.id === id);
    expect(listed).toMatchObject({ state: 'active', setupExpiresAt: null });
    const actions = (await api.admin.get('/api/v1/audit?limit=50')).body.entries
      .filter((e: { entityId: string }) => e.entityId === id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'account.activate', 'login']));
  });

  test('two tries with the same code at the same moment: exactly one of them sets the password', async () => {
    const { email, code } = await newcomer();
    const answers = await Promise.all(
      ['primera-clave-larga', 'segunda-clave-larga'].map((newPassword) =>
        setUp(new ApiClient(api.server.url), { email, setupCode: code, newPassword }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    const winner = answers[0]?.status === 200 ? 'primera-clave-larga' : 'segunda-clave-larga';
    expect((await login(email, winner)).status).toBe(200);
  });

  test('an unknown e-mail and a wrong code get the same answer; an expired code is refused naming the rule', async () => {
    const { id, email, code } = await newcomer();
    const wrong = await setUp(new ApiClient(api.server.url), { email, setupCode: 'AAAA-AAAA-AAAA' });
    const unknown = await setUp(new ApiClient(api.server.url), { email: 'nadie@tejido.test', setupCode: code });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);

    await run('update setup_codes set expires_at = ? where user_id = ?', ['2026-01-01T00:00:00.000Z', id]);
    const expired = await setUp(new ApiClient(api.server.url), { email, setupCode: code });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ field: 'setupCode', rule: 'setup.code_expired' });
    expect((await api.admin.get('/api/v1/users')).body.users.find((u: { id: string }) => u.id === id)).toMatchObject({
      state: 'pending',
      setupExpiresAt: '2026-01-01T00:00:00.000Z',
    });

    // The admin gives her a new one; it works, and the old one never will.
    const fresh = await api.admin.post(`/api/v1/users/${id}/setup-code`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.setupCode.code).not.toBe(code);
    expect((await setUp(new ApiClient(api.server.url), { email, setupCode: fresh.body.setupCode.code })).status).toBe(
      200,
    );
  });

  test('wrong codes count against the sign-in throttle: after five, even the right code waits, until the admin unlocks her', async () => {
    const { id, email, code } = await newcomer();
    for (let i = 0; i < 5; i++)
      expect((await setUp(new ApiClient(api.server.url), { email, setupCode: `2222-2222-222${i + 2}` })).status).toBe(
        401,
      );
    const blocked = await setUp(new ApiClient(api.server.url), { email, setupCode: code });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Guessed codes and guessed passwords are the same attempts at her account.
    expect((await login(email, 'cualquier-clave-larga')).status).toBe(429);
    expect((await api.admin.get('/api/v1/users')).body.users.find((u: { id: string }) => u.id === id).locked).toBe(
      true,
    );

    expect((await api.admin.post(`/api/v1/users/${id}/unlock`)).status).toBe(200);
    expect((await setUp(new ApiClient(api.server.url), { email, setupCode: code })).status).toBe(200);
  });

  test('a new code resets a forgotten password: the old password, her sessions and her tokens stop working at once', async () => {
    const { id, email, code } = await newcomer();
    const browser = new ApiClient(api.server.url);
    expect((await setUp(browser, { email, setupCode: code })).status).toBe(200);
    const token = await browser.post('/api/v1/auth/tokens', { label: 'Teléfono' });
    expect(token.status).toBe(201);
    const phone = browser.withBearer(token.body.token);
    expect((await phone.get('/api/v1/me')).status).toBe(200);

    const reset = await api.admin.post(`/api/v1/users/${id}/setup-code`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({
      setupCode: { code: expect.stringMatching(CODE), expiresAt: expect.any(String) },
      revoked: 2,
    });
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await browser.get('/api/v1/me')).status).toBe(401);
    expect((await login(email, NEW_PASSWORD)).status).toBe(401);

    // A second code replaces the first.
    const second = await api.admin.post(`/api/v1/users/${id}/setup-code`);
    expect((await setUp(new ApiClient(api.server.url), { email, setupCode: reset.body.setupCode.code })).status).toBe(
      401,
    );
    expect(
      (
        await setUp(new ApiClient(api.server.url), {
          email,
          setupCode: second.body.setupCode.code,
          newPassword: 'clave-nueva-despues-de-olvidar',
        })
      ).status,
    ).toBe(200);
    expect((await login(email, 'clave-nueva-despues-de-olvidar')).status).toBe(200);
  });

  test('the admin cannot give herself a code; a coordinator still needs a region, named by its rule', async () => {
    const me = (await api.admin.get('/api/v1/me')).body.user.id;
    const own = await api.admin.post(`/api/v1/users/${me}/setup-code`);
    expect(own.status).toBe(409);
    expect(own.body.error).toMatchObject({ code: 'own_account', rule: 'user.own_setup_code' });
    expect((await api.admin.get('/api/v1/me')).status).toBe(200);

    const noRegion = await api.admin.post('/api/v1/users', {
      email: 'coord@tejido.test',
      displayName: 'Coordinadora',
      role: 'coordinator',
    });
    expect(noRegion.status).toBe(400);
    expect(noRegion.body.error).toMatchObject({ field: 'regionId', rule: 'user.coordinator_needs_region' });
    const taken = await api.admin.post('/api/v1/users', {
      email: 'admin@tejido.test',
      displayName: 'Otra',
      role: 'facilitator',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ field: 'email', rule: 'user.email_taken' });
    expect((await api.admin.post(`/api/v1/users/${randomUUID()}/setup-code`)).status).toBe(404);
  });

  test('the admin deactivates the facilitator and her phone’s next sync is refused; reactivated, old tokens stay dead', async () => {
    const region = await api.admin.post('/api/v1/regions', { code: 'APU', name: 'Apurímac' });
    const bank = await api.admin.post('/api/v1/banks', {
      regionId: region.body.region.id,
      code: 'BC-APU-1',
      name: 'Banco Chaska',
    });
    const { id, email, code } = await newcomer();
    expect((await api.admin.post(`/api/v1/banks/${bank.body.bank.id}/facilitator`, { facilitatorId: id })).status).toBe(
      200,
    );
    const browser = new ApiClient(api.server.url);
    expect((await setUp(browser, { email, setupCode: code })).status).toBe(200);
    const phone = browser.withBearer(
      (await browser.post('/api/v1/auth/tokens', { label: 'Teléfono de Rosa' })).body.token,
    );
    const members = Array.from({ length: 3 }, (_, i) => ({
      id: randomUUID(),
      memberCode: `S-00${i + 1}`,
      displayName: `Socia ${i + 1}`,
      enrolledOn: '2026-03-01',
    }));
    expect((await phone.post(`/api/v1/banks/${bank.body.bank.id}/members`, { members })).status).toBe(200);
    const roll = (deliveredOn: string) => ({
      delivery: { id: randomUUID(), bankId: bank.body.bank.id, sessionId: 'gv-espacio-de-confianza', deliveredOn },
      records: members.map((m) => ({ id: randomUUID(), memberId: m.id, present: true })),
    });
    expect((await phone.post('/api/v1/attendance-batches', roll('2026-04-01'))).status).toBe(200);

    const deactivated = await api.admin.post(`/api/v1/users/${id}/deactivate`);
    expect(deactivated.body).toEqual({ revoked: 2 });
    const sync = await phone.post('/api/v1/attendance-batches', roll('2026-04-08'));
    expect(sync.status).toBe(401);
    expect(sync.body.error.code).toBe('unauthenticated');
    expect((await login(email, NEW_PASSWORD)).status).toBe(401);
    expect((await api.admin.get('/api/v1/users')).body.users.find((u: { id: string }) => u.id === id).state).toBe(
      'deactivated',
    );
    // Her banks stay hers, but nobody gives a bank to a deactivated facilitator.
    const other = await api.admin.post('/api/v1/banks', {
      regionId: region.body.region.id,
      code: 'BC-APU-2',
      name: 'Banco Killa',
      facilitatorId: id,
    });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ field: 'facilitatorId', rule: 'bank.facilitator_inactive' });

    expect((await api.admin.post(`/api/v1/users/${id}/reactivate`)).status).toBe(200);
    expect((await phone.post('/api/v1/attendance-batches', roll('2026-04-08'))).status).toBe(401);
    expect((await login(email, NEW_PASSWORD)).status).toBe(200);
  });
});
