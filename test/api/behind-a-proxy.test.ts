import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PASSWORD, startApi } from '../support/api-world.ts';
import { PER_ADDRESS } from '../../src/attendance/auth/login-throttle.ts';

const PUBLIC = 'https://tejido.example.org';
const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tejido.example.org' };

/** The server with and without TRUST_PROXY, each with a coordinator who signs in on /coordinacion/. */
async function serverWith(settings: Record<string, string>) {
  const api = await startApi('sqlite', 'proxy', { settings });
  const regionId = randomUUID();
  expect((await api.admin.post('/api/v1/regions', { id: regionId, code: 'AYA', name: 'Ayacucho' })).status).toBe(201);
  expect(
    (
      await api.admin.post('/api/v1/users', {
        email: 'coord@tejido.test',
        displayName: 'Coord',
        role: 'coordinator',
        regionId,
        password: PASSWORD,
      })
    ).status,
  ).toBe(201);
  const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    fetch(api.server.url + path, { redirect: 'manual', ...init });
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    call('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });
  const signInForm = (headers: Record<string, string>) =>
    call('/coordinacion/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ email: 'coord@tejido.test', password: PASSWORD }).toString(),
    });
  const auditAddresses = async (action: string) =>
    ((await api.admin.get('/api/v1/audit?limit=500')).body.entries as { action: string; address: string | null }[])
      .filter((e) => e.action === action)
      .map((e) => e.address);
  return { api, call, login, signInForm, auditAddresses };
}

const attributes = (cookie: string | undefined) => (cookie ?? '').split(';').map((a) => a.trim().toLowerCase());

describe('without TRUST_PROXY, forwarded headers change nothing', () => {
  let s: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    s = await serverWith({});
  });
  afterAll(() => s?.api.stop());

  test('X-Forwarded-Proto: https neither marks the cookie Secure nor sends HSTS', async () => {
    const answer = await s.login('coord@tejido.test', PASSWORD, viaProxy);
    expect(answer.status).toBe(200);
    expect(attributes(answer.headers.getSetCookie()[0])).not.toContain('secure');
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    expect((await s.call('/', { headers: viaProxy })).headers.get('strict-transport-security')).toBeNull();
  });

  test('a forged X-Forwarded-For does not change the rate-limit key or the audited address', async () => {
    // As many failures as one address may make, each for another account and with another forged address.
    for (let i = 0; i < PER_ADDRESS.free; i++)
      expect((await s.login(`nadie-${i}@tejido.test`, 'mala', { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(
        401,
      );
    // The next, with the right password and yet another forged address, meets the per-address limit.
    const blocked = await s.login('coord@tejido.test', PASSWORD, { 'x-forwarded-for': '198.51.100.200' });
    expect(blocked.status).toBe(429);
    expect(await s.auditAddresses('login.failed')).toEqual(Array(PER_ADDRESS.free).fill('127.0.0.1'));
  });

  test('the coordinator form refuses an Origin of the public https site it cannot know it has', async () => {
    const answer = await s.signInForm({ origin: PUBLIC, ...viaProxy });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Este formulario solo se puede enviar desde esta página.');
    expect(answer.headers.getSetCookie()).toEqual([]);
  });
});

describe('with TRUST_PROXY=1, the proxy’s headers are believed', () => {
  let s: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    s = await serverWith({ TRUST_PROXY: '1' });
  });
  afterAll(() => s?.api.stop());

  test('over https the session cookie is Secure and every response sends HSTS; over http neither', async () => {
    const answer = await s.login('coord@tejido.test', PASSWORD, viaProxy);
    expect(answer.status).toBe(200);
    expect(attributes(answer.headers.getSetCookie()[0])).toEqual(
      expect.arrayContaining(['secure', 'httponly', 'samesite=strict']),
    );
    expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000');
    for (const path of ['/', '/sw.js', '/no-existe/'])
      expect((await s.call(path, { headers: viaProxy })).headers.get('strict-transport-security'), path).toBe(
        'max-age=31536000',
      );
    const plain = await s.login('coord@tejido.test', PASSWORD, { 'x-forwarded-proto': 'http' });
    expect(attributes(plain.headers.getSetCookie()[0])).not.toContain('secure');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  test('the coordinator form signs in from the public https origin, with a Secure cookie', async () => {
    const answer = await s.signInForm({ origin: PUBLIC, ...viaProxy });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/coordinacion/');
    expect(attributes(answer.headers.getSetCookie()[0])).toContain('secure');
    // The server's own http origin is not the public one any more.
    expect((await s.signInForm({ origin: s.api.server.url, ...viaProxy })).status).toBe(400);
  });

  test('the client address is the one the proxy appended: it keys the rate limit and goes to the audit log', async () => {
    for (let i = 0; i < PER_ADDRESS.free; i++)
      expect(
        (await s.login(`otra-${i}@tejido.test`, 'mala', { 'x-forwarded-for': `6.6.6.6, 203.0.113.7` })).status,
      ).toBe(401);
    expect((await s.login('coord@tejido.test', PASSWORD, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    // Another client behind the same proxy is not blocked.
    expect((await s.login('coord@tejido.test', PASSWORD, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    expect(await s.auditAddresses('login.failed')).toEqual(Array(PER_ADDRESS.free).fill('203.0.113.7'));
  });
});

describe('with TRUST_PROXY naming another address, this peer is not a proxy', () => {
  let s: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    s = await serverWith({ TRUST_PROXY: '10.0.0.1' });
  });
  afterAll(() => s?.api.stop());

  test('its forwarded headers are ignored', async () => {
    const answer = await s.login('coord@tejido.test', PASSWORD, { ...viaProxy, 'x-forwarded-for': '203.0.113.9' });
    expect(attributes(answer.headers.getSetCookie()[0])).not.toContain('secure');
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    expect(await s.auditAddresses('login')).toEqual(['127.0.0.1', '127.0.0.1']);
  });
});
