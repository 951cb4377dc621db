import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  BUSY_RETRY_AFTER_SECONDS,
  MAX_CONCURRENT_HASHES,
  MAX_WAITING_HASHES,
} from '../../src/attendance/auth/hash-slots.ts';
import { PER_ACCOUNT, PER_ACCOUNT_AT_ADDRESS, PER_ADDRESS } from '../../src/attendance/auth/login-throttle.ts';
import { databases, PASSWORD, startApi } from '../support/api-world.ts';
import { requestFrom, tally } from '../support/from-address.ts';
import { startServer, type RunningServer } from '../support/server.ts';

/**
 * The sign-in throttle as an attacker meets it: floods of guesses at once, from one address and
 * from many, against two server processes sharing one database. Every request comes from a real
 * loopback address of its own (127.x.y.z), the address the server itself sees.
 */
const LIMIT = PER_ACCOUNT_AT_ADDRESS.free;

describe.each(databases)('sign-in under attack on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  /** A second API process on the same database, as behind a load balancer. */
  let second: RunningServer;
  let n = 0;

  beforeAll(async () => {
    api = await startApi(kind, 'throttle');
    second = await startServer({
      DATA_DIR: api.server.dataDir,
      ...(api.databaseUrl ? { DATABASE_URL: api.databaseUrl } : {}),
    });
  });
  afterAll(async () => {
    await second?.stop();
    await api?.stop();
  });

  async function newUser() {
    const email = `victima-${++n}@tejido.test`;
    const made = await api.admin.post('/api/v1/users', {
      email,
      displayName: 'Facilitadora',
      role: 'facilitator',
      password: PASSWORD,
    });
    expect(made.status).toBe(201);
    return { id: made.body.user.id as string, email };
  }
  const login = (from: string, email: string, password: string, server = api.server.url) =>
    requestFrom(server, from, 'POST', '/api/v1/auth/login', { json: { email, password } });
  const auditOf = async (userId: string) =>
    (
      (await api.admin.get('/api/v1/audit?limit=500')).body.entries as {
        action: string;
        entityId: string | null;
        detail: any;
        address: string | null;
      }[]
    ).filter((e) => e.entityId === userId);
  /** Runs `count` jobs, at most `lanes` at once (under the hash line's length, so no 503 muddles the count). */
  async function inLanes<T>(count: number, lanes: number, job: (i: number) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < count) {
          const i = next++;
          results[i] = await job(i);
        }
      }),
    );
    return results;
  }

  test(`100 simultaneous wrong guesses at one account, split over two server processes, get exactly ${LIMIT} password checks; the owner elsewhere still signs in`, async () => {
    const victim = await newUser();
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        login('127.0.0.2', victim.email, `adivina-${i}`, i % 2 ? second.url : api.server.url),
      ),
    );
    expect(tally(guesses)).toEqual({ 401: LIMIT, 429: 100 - LIMIT });
    for (const refused of guesses.filter((g) => g.status === 429)) {
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The first wait, give or take the second by which two requests' clocks may differ.
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(
        PER_ACCOUNT_AT_ADDRESS.firstDelayMs / 1000 + 1,
      );
    }

    // The owner, from her own phone: in at once, on either process.
    expect((await login('127.0.0.3', victim.email, PASSWORD)).status).toBe(200);
    expect((await login('127.0.0.3', victim.email, PASSWORD, second.url)).status).toBe(200);
    // From the attacker's address even the right password waits: it is that pair that is throttled.
    const rightButThrottled = await login('127.0.0.2', victim.email, PASSWORD);
    expect(rightButThrottled.status).toBe(429);

    // Five failed checks are in the log, and the 95 refusals are two lines (the 1st and the 10th), not 95.
    const entries = await auditOf(victim.id);
    expect(entries.filter((e) => e.action === 'login.failed')).toHaveLength(LIMIT);
    const blocked = entries.filter((e) => e.action === 'login.blocked');
    expect(blocked.map((e) => e.detail.refused).sort((a, b) => a - b)).toEqual([1, 10]);
    expect(blocked.every((e) => e.detail.by === 'account-address' && e.address === '127.0.0.2')).toBe(true);
  });

  test('a stranger who keeps guessing from her address does not use up the owner’s allowance', async () => {
    const victim = await newUser();
    for (let round = 0; round < 3; round++) {
      const guesses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => login('127.0.0.4', victim.email, `otra-${round}-${i}`)),
      );
      expect(tally(guesses)).toEqual(round === 0 ? { 401: LIMIT, 429: 50 - LIMIT } : { 429: 50 });
    }
    // The owner mistypes from her phone: her own five tries are all judged, none refused.
    for (let i = 0; i < LIMIT; i++) expect((await login('127.0.0.5', victim.email, `typo-${i}`)).status).toBe(401);
    expect((await login('127.0.0.5', victim.email, PASSWORD)).status).toBe(429);
    // From a third place she is in.
    expect((await login('127.0.0.6', victim.email, PASSWORD)).status).toBe(200);
  });

  test('an admin unlocks an account: every counter about it is cleared, and the unlock is audited', async () => {
    const victim = await newUser();
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => login('127.0.0.7', victim.email, `x-${i}`)));
    expect(tally(guesses)).toEqual({ 401: LIMIT, 429: 20 - LIMIT });
    expect((await login('127.0.0.7', victim.email, PASSWORD)).status).toBe(429);

    // Not a coordinator's or the owner's to do.
    const owner = await login('127.0.0.8', victim.email, PASSWORD);
    expect(owner.status).toBe(200);
    const cookie = String(owner.headers['set-cookie']?.[0]).split(';')[0];
    expect(
      (await requestFrom(api.server.url, '127.0.0.8', 'POST', `/api/v1/users/${victim.id}/unlock`, { cookie })).status,
    ).toBe(403);

    const unlock = await api.admin.post(`/api/v1/users/${victim.id}/unlock`);
    expect(unlock.status).toBe(200);
    // Her counters: at 127.0.0.7, and per account (the good sign-in at .8 already cleared its own).
    expect(unlock.body).toEqual({ cleared: 2 });
    expect((await login('127.0.0.7', victim.email, PASSWORD)).status).toBe(200);
    const entries = await auditOf(victim.id);
    expect(entries).toContainEqual(expect.objectContaining({ action: 'login.unlock', detail: { cleared: 2 } }));
  });

  test(`one address trying many accounts gets ${PER_ADDRESS.free} checks, then waits; another address is not affected`, async () => {
    const answers = await inLanes(PER_ADDRESS.free + 10, 8, (i) =>
      login('127.0.1.1', `nadie-${i}@tejido.test`, 'adivina-adivinador'),
    );
    expect(tally(answers)).toEqual({ 401: PER_ADDRESS.free, 429: 10 });
    expect(answers.slice(PER_ADDRESS.free).every((a) => a.body.error.code === 'rate_limited')).toBe(true);
    const victim = await newUser();
    expect((await login('127.0.1.2', victim.email, PASSWORD)).status).toBe(200);
  });

  test(`guesses at one account from many addresses stop at ${PER_ACCOUNT.free} in all; an admin's unlock lets the owner back in`, async () => {
    const victim = await newUser();
    const addresses = Math.ceil(PER_ACCOUNT.free / LIMIT) + 1;
    // Each address spends its five free guesses; together they pass the per-account ceiling.
    const answers = await inLanes(addresses * LIMIT, 7, (i) =>
      login(`127.0.2.${1 + Math.floor(i / LIMIT)}`, victim.email, `botnet-${i}`),
    );
    expect(tally(answers)).toEqual({ 401: PER_ACCOUNT.free, 429: addresses * LIMIT - PER_ACCOUNT.free });
    // The accepted cost of the ceiling: the owner waits too, until an admin unlocks her account.
    expect((await login('127.0.2.200', victim.email, PASSWORD)).status).toBe(429);
    expect((await api.admin.post(`/api/v1/users/${victim.id}/unlock`)).status).toBe(200);
    expect((await login('127.0.2.200', victim.email, PASSWORD)).status).toBe(200);
  });

  // How fast these refusals come is a figure of `npm run bench` (bench/abuse.ts), not a test: a
  // busy machine would make a time limit flake. What is tested is that no hash ran for them.
  test('a 10 MB password is refused (413: the body is over the route’s 1 MB) and a 1 MB one with 400 naming the field, and neither costs an attempt', async () => {
    const victim = await newUser();
    for (let i = 0; i < LIMIT + 2; i++) {
      const huge = await login('127.0.3.1', victim.email, 'a'.repeat(10 * 1024 * 1024));
      // 413 as a rule; now and then the server hangs up on the refused upload before this client
      // has read the answer (status 0). Either way it read no more than the route's cap.
      if (huge.status === 413)
        expect([huge.body.error.code, huge.body.error.field]).toEqual(['payload_too_large', 'body']);
      else expect(huge.status).toBe(0);
      const large = await login('127.0.3.1', victim.email, 'a'.repeat(1000 * 1000));
      expect(large.status).toBe(400);
      expect(large.body.error).toMatchObject({ code: 'invalid_request', field: 'password' });
    }
    // Refused before the throttle counted it, hence before any hash: the five real tries are all still there.
    for (let i = 0; i < LIMIT; i++) expect((await login('127.0.3.1', victim.email, `mala-${i}`)).status).toBe(401);
    expect((await login('127.0.3.1', victim.email, PASSWORD)).status).toBe(429);
    expect((await auditOf(victim.id)).filter((e) => e.action === 'login.failed')).toHaveLength(LIMIT);
  });

  test('the limit is 1024 bytes of UTF-8, not characters', async () => {
    const victim = await newUser();
    const at = (password: string) =>
      login('127.0.3.2', victim.email, password).then((a) => [a.status, a.body?.error?.field]);
    expect(await at('a'.repeat(1024))).toEqual([401, 'password']);
    expect(await at('a'.repeat(1025))).toEqual([400, 'password']);
    expect(await at('ñ'.repeat(512))).toEqual([401, 'password']);
    // 513 characters, 1026 bytes.
    expect(await at('ñ'.repeat(513))).toEqual([400, 'password']);
  });

  // The static page's latency during such a flood is a figure of `npm run bench` (bench/abuse.ts).
  test(`a flood of sign-ins for many accounts gets 503 with Retry-After beyond ${MAX_CONCURRENT_HASHES} hashes and ${MAX_WAITING_HASHES} waiting, and the site's pages are still served`, async () => {
    const flood = Array.from({ length: 150 }, (_, i) =>
      login(`127.0.4.${1 + (i % 10)}`, `nadie-${i}@inundacion.test`, 'adivina'),
    );
    await new Promise((r) => setTimeout(r, 200));
    const page = await requestFrom(api.server.url, '127.0.4.100', 'GET', '/');
    const answers = await Promise.all(flood);
    expect(page.status).toBe(200);
    const counts = tally(answers);
    expect(Object.keys(counts).sort()).toEqual(['401', '503']);
    // How many got a slot depends on how fast the hashes ran; that every request was one or the other does not.
    expect(counts[401]! + counts[503]!).toBe(150);
    expect(counts[503]).toBeGreaterThan(0);
    for (const busy of answers.filter((a) => a.status === 503)) {
      expect(busy.body.error.code).toBe('server_busy');
      expect(Number(busy.headers['retry-after'])).toBe(BUSY_RETRY_AFTER_SECONDS);
    }
    // A refusal for lack of a slot is not a guess: it spent none of the address's allowance.
    const fromFirst = answers.filter((_, i) => i % 10 === 0);
    const judged = fromFirst.filter((a) => a.status === 401).length;
    const rest = await inLanes(PER_ADDRESS.free - judged, 4, (i) =>
      login('127.0.4.1', `despues-${i}@inundacion.test`, 'adivina'),
    );
    expect(tally(rest)).toEqual({ 401: PER_ADDRESS.free - judged });
    expect((await login('127.0.4.1', 'una-mas@inundacion.test', 'adivina')).status).toBe(429);
  });
});
