import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { databases, PASSWORD, startApi } from '../support/api-world.ts';

/**
 * Sessions and tokens as someone holding a stolen one would try them: every way access should
 * end (revoked by the owner or an admin, sign-out, deactivation, a password change or reset)
 * is checked by the very next request with the old cookie or token.
 */
describe.each(databases)('sessions and tokens on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let url: string;
  let n = 0;

  beforeAll(async () => {
    api = await startApi(kind, 'tokens');
    url = api.server.url;
  });
  afterAll(() => api?.stop());

  async function newUser(role: 'facilitator' | 'admin' = 'facilitator') {
    const email = `persona-${++n}@tejido.test`;
    const made = await api.admin.post('/api/v1/users', {
      email,
      displayName: `Persona ${n}`,
      role,
      password: PASSWORD,
    });
    expect(made.status).toBe(201);
    return { id: made.body.user.id as string, email, browser: await ApiClient.signedIn(url, email, PASSWORD) };
  }
  /** A token minted from the given cookie session, as the offline app does, and a client that uses it. */
  async function tokenOf(browser: ApiClient, label = 'Teléfono') {
    const made = await browser.post('/api/v1/auth/tokens', { label });
    expect(made.status).toBe(201);
    return {
      id: made.body.id as string,
      secret: made.body.token as string,
      phone: new ApiClient(url).withBearer(made.body.token),
    };
  }
  const status = async (client: ApiClient) => (await client.get('/api/v1/me')).status;
  const audit = async () => (await api.admin.get('/api/v1/audit?limit=500')).text;

  test('a bearer token cannot mint another token: 403 token_from_token, and no token is made', async () => {
    const user = await newUser();
    const first = await tokenOf(user.browser);
    const before = (await user.browser.get('/api/v1/auth/tokens')).body.tokens.length;
    const chained = await first.phone.post('/api/v1/auth/tokens', { label: 'Otro teléfono' });
    expect(chained.status).toBe(403);
    expect(chained.body.error.code).toBe('token_from_token');
    expect(chained.body).not.toHaveProperty('token');
    expect((await user.browser.get('/api/v1/auth/tokens')).body.tokens).toHaveLength(before);
    // Not even through a cookie header carrying the bearer secret: a token is not a session.
    const asCookie = await fetch(`${url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { cookie: `tejido_session=${first.secret}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(asCookie.status).toBe(401);
  });

  test('the owner lists her sessions and tokens by id, without secrets, and revokes one: it is 401 on the very next request', async () => {
    const user = await newUser();
    const a = await tokenOf(user.browser, 'Teléfono A');
    const b = await tokenOf(user.browser, 'Teléfono B');
    expect(await status(a.phone)).toBe(200);
    const listed = await user.browser.get('/api/v1/auth/tokens');
    expect(listed.status).toBe(200);
    const tokens = listed.body.tokens as {
      id: string;
      kind: string;
      label: string | null;
      current: boolean;
      lastUsedAt: string | null;
      createdAt: string;
      expiresAt: string;
    }[];
    expect(tokens.map((t) => [t.kind, t.label, t.current]).sort()).toEqual([
      ['bearer', 'Teléfono A', false],
      ['bearer', 'Teléfono B', false],
      ['cookie', null, true],
    ]);
    expect(tokens.find((t) => t.id === a.id)).toMatchObject({
      lastUsedAt: expect.any(String),
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    for (const secret of [a.secret, b.secret]) expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toMatch(/hash/i);

    const revoked = await user.browser.post(`/api/v1/auth/tokens/${a.id}/revoke`);
    expect(revoked.body).toEqual({ revoked: 1 });
    expect(await status(a.phone)).toBe(401);
    expect(await status(b.phone)).toBe(200);
    expect(await status(user.browser)).toBe(200);
    // Again: nothing left to revoke.
    expect((await user.browser.post(`/api/v1/auth/tokens/${a.id}/revoke`)).status).toBe(404);
    expect((await user.browser.get('/api/v1/auth/tokens')).body.tokens.map((t: { id: string }) => t.id)).not.toContain(
      a.id,
    );
  });

  test('another user’s token id revokes nothing: 404, the same as an id that does not exist', async () => {
    const owner = await newUser();
    const thief = await newUser();
    const token = await tokenOf(owner.browser);
    const theirs = await thief.browser.post(`/api/v1/auth/tokens/${token.id}/revoke`);
    const nobodys = await thief.browser.post('/api/v1/auth/tokens/00000000-0000-4000-8000-000000000000/revoke');
    expect(theirs.status).toBe(404);
    expect({ status: theirs.status, body: theirs.body }).toEqual({ status: nobodys.status, body: nobodys.body });
    expect(await status(token.phone)).toBe(200);
    // Nor can she see it.
    expect((await thief.browser.get('/api/v1/auth/tokens')).text).not.toContain(token.id);
  });

  test('an admin lists a user’s tokens and revokes one, or all; each is 401 on the very next request', async () => {
    const user = await newUser();
    const a = await tokenOf(user.browser);
    const b = await tokenOf(user.browser);
    const listed = await api.admin.get(`/api/v1/users/${user.id}/tokens`);
    expect(listed.status).toBe(200);
    expect(listed.body.tokens.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(listed.text).not.toContain(a.secret);

    expect((await api.admin.post(`/api/v1/users/${user.id}/tokens/${a.id}/revoke`)).body).toEqual({ revoked: 1 });
    expect(await status(a.phone)).toBe(401);
    expect(await status(b.phone)).toBe(200);
    // A token id under another user's path ends nothing.
    const other = await newUser();
    expect((await api.admin.post(`/api/v1/users/${other.id}/tokens/${b.id}/revoke`)).status).toBe(404);
    expect(await status(b.phone)).toBe(200);

    // Her cookie session and token B.
    expect((await api.admin.post(`/api/v1/users/${user.id}/tokens/revoke-all`)).body).toEqual({ revoked: 2 });
    expect(await status(b.phone)).toBe(401);
    expect(await status(user.browser)).toBe(401);
    expect((await api.admin.get(`/api/v1/users/${user.id}/tokens`)).body.tokens).toEqual([]);
  });

  test('cookie sign-out ends the tokens minted from that session, not those of her other sessions', async () => {
    const user = await newUser();
    const office = await ApiClient.signedIn(url, user.email, PASSWORD);
    const fromBrowser = await tokenOf(user.browser);
    const fromOffice = await tokenOf(office);
    expect((await user.browser.post('/api/v1/auth/logout')).status).toBe(200);
    expect(await status(fromBrowser.phone)).toBe(401);
    expect(await status(fromOffice.phone)).toBe(200);
    expect(await status(office)).toBe(200);
    // A bearer sign-out ends that token only (its cookie session stays).
    expect((await fromOffice.phone.post('/api/v1/auth/logout')).status).toBe(200);
    expect(await status(fromOffice.phone)).toBe(401);
    expect(await status(office)).toBe(200);
  });

  test('the coordinator page’s own sign-in form still signs in, and its sign-out ends the tokens minted from that session', async () => {
    const user = await newUser();
    const form = (fields: Record<string, string>, cookie?: string) =>
      fetch(`${url}/coordinacion/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams(fields).toString(),
      });
    const signedIn = await form({ email: user.email, password: PASSWORD });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('tejido_session='))
      ?.split(';')[0];
    expect(cookie).toMatch(/^tejido_session=.{40,}/);
    const made = await fetch(`${url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { origin: url, cookie: cookie ?? '', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(made.status).toBe(201);
    const phone = new ApiClient(url).withBearer(((await made.json()) as { token: string }).token);
    expect(await status(phone)).toBe(200);
    expect((await form({ action: 'sign-out' }, cookie)).status).toBe(303);
    expect(await status(phone)).toBe(401);
    expect((await fetch(`${url}/api/v1/me`, { headers: { cookie: cookie ?? '' } })).status).toBe(401);
    // A 10 MB password through the form is refused like a wrong one, without a hash: it is not
    // even counted as an attempt (the right password after it still signs in from this address).
    const huge = await form({ email: user.email, password: 'a'.repeat(10 * 1024 * 1024) });
    expect(huge.status).toBe(400);
    for (let i = 0; i < 5; i++)
      expect((await form({ email: user.email, password: 'a'.repeat(10 * 1024 * 1024) })).status).toBe(400);
    expect((await form({ email: user.email, password: PASSWORD })).status).toBe(303);
  });

  test('deactivating a user ends every session and token at once, and reactivating her brings none of them back', async () => {
    const user = await newUser();
    const token = await tokenOf(user.browser);
    const deactivated = await api.admin.post(`/api/v1/users/${user.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toEqual({ revoked: 2 });
    expect(await status(token.phone)).toBe(401);
    expect(await status(user.browser)).toBe(401);
    const refused = await new ApiClient(url).post('/api/v1/auth/login', { email: user.email, password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');

    expect((await api.admin.post(`/api/v1/users/${user.id}/reactivate`)).body).toEqual({ ok: true });
    expect(await status(token.phone)).toBe(401);
    expect(await status(user.browser)).toBe(401);
    expect(await status(await ApiClient.signedIn(url, user.email, PASSWORD))).toBe(200);
  });

  test('an admin cannot deactivate herself (409 own_account), another admin can, and a user outside the organisation is 404', async () => {
    const me = await api.admin.get('/api/v1/me');
    const self = await api.admin.post(`/api/v1/users/${me.body.user.id}/deactivate`);
    expect(self.status).toBe(409);
    expect(self.body.error).toMatchObject({ code: 'own_account', field: 'userId' });
    expect(await status(api.admin)).toBe(200);
    const other = await newUser('admin');
    expect((await other.browser.post(`/api/v1/users/${other.id}/deactivate`)).status).toBe(409);
    expect((await api.admin.post(`/api/v1/users/${other.id}/deactivate`)).status).toBe(200);
    expect(await status(other.browser)).toBe(401);
    expect((await api.admin.post('/api/v1/users/00000000-0000-4000-8000-000000000000/deactivate')).status).toBe(404);
  });

  test('changing her password ends every other session and token at once; the session that changed it stays', async () => {
    const user = await newUser();
    const phone = await tokenOf(user.browser);
    const office = await ApiClient.signedIn(url, user.email, PASSWORD);
    const officeToken = await tokenOf(office);
    const wrong = await user.browser.post('/api/v1/me/password', {
      currentPassword: 'no-es-la-actual',
      newPassword: 'una-clave-nueva-y-larga',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_password', field: 'currentPassword' });
    expect(await status(phone.phone)).toBe(200);

    const changed = await user.browser.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'una-clave-nueva-y-larga',
    });
    expect(changed.status).toBe(200);
    // Her phone's token (minted from this very session), the office session and its token.
    expect(changed.body).toEqual({ revoked: 3 });
    expect(await status(phone.phone)).toBe(401);
    expect(await status(office)).toBe(401);
    expect(await status(officeToken.phone)).toBe(401);
    expect(await status(user.browser)).toBe(200);
    expect(
      (await new ApiClient(url).post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).status,
    ).toBe(401);
    expect(await status(await ApiClient.signedIn(url, user.email, 'una-clave-nueva-y-larga'))).toBe(200);
  });

  test('a stolen token that changes the password still needs the current one, and the new one must be 12 characters', async () => {
    const user = await newUser();
    const stolen = await tokenOf(user.browser);
    expect(
      (
        await stolen.phone.post('/api/v1/me/password', {
          currentPassword: 'adivinada',
          newPassword: 'la-clave-del-ladron',
        })
      ).status,
    ).toBe(403);
    const short = await user.browser.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'corta' });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('newPassword');
    expect(await status(stolen.phone)).toBe(200);
  });

  test('an admin’s password reset ends all her sessions and tokens at once, and the new password signs in', async () => {
    const user = await newUser();
    const token = await tokenOf(user.browser);
    const reset = await api.admin.post(`/api/v1/users/${user.id}/password`, { newPassword: 'restablecida-por-admin' });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ revoked: 2 });
    expect(await status(token.phone)).toBe(401);
    expect(await status(user.browser)).toBe(401);
    expect(
      (await new ApiClient(url).post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).status,
    ).toBe(401);
    expect(await status(await ApiClient.signedIn(url, user.email, 'restablecida-por-admin'))).toBe(200);
  });

  test('every token and account action is in the audit log by id, and no secret is', async () => {
    const user = await newUser();
    const token = await tokenOf(user.browser);
    await user.browser.post(`/api/v1/auth/tokens/${token.id}/revoke`);
    await api.admin.post(`/api/v1/users/${user.id}/password`, { newPassword: 'otra-clave-para-el-log' });
    await api.admin.post(`/api/v1/users/${user.id}/deactivate`);
    await api.admin.post(`/api/v1/users/${user.id}/reactivate`);
    const entries = (await api.admin.get('/api/v1/audit?limit=500')).body.entries as {
      action: string;
      entityId: string | null;
      detail: any;
    }[];
    expect(entries).toContainEqual(expect.objectContaining({ action: 'token.create', entityId: token.id }));
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'token.revoke', entityId: token.id, detail: { by: 'owner', revoked: 1 } }),
    );
    for (const action of ['password.reset', 'user.deactivate', 'user.reactivate'])
      expect(entries).toContainEqual(expect.objectContaining({ action, entityId: user.id }));
    const text = await audit();
    expect(text).not.toContain(token.secret);
    expect(text).not.toContain('otra-clave-para-el-log');
  });
});
