import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { addMembers, offlineCopyReady, roster, signInOnScreen } from './field-world.ts';

/**
 * A facilitator signs out on a phone without signal. The phone cannot tell the server then, so
 * it keeps a note and revokes the token as soon as it has a connection: a lost or shared phone
 * must not keep a working 30-day token.
 */
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_sign_out'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  await addMembers(world.users.facA.client, world.banks.a1, roster(3, 'R'));
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'es-PE' });
  return { context, page: await context.newPage() };
}

/** Reads one object store of the field app's IndexedDB, in the page. */
const storeRows = (page: Page, store: string) =>
  page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tejido-campo');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains(name)) return [];
      return await new Promise<any[]>((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
      });
    } finally {
      db.close();
    }
  }, store);

/** What the server says to the token, asked from outside the phone. */
const tokenStatus = async (token: string) =>
  (await fetch(`${api.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;
const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === 'tejido_session')?.value;
const cookieStatus = async (value: string | undefined) =>
  value
    ? (await fetch(`${api.server.url}/api/v1/me`, { headers: { cookie: `tejido_session=${value}` } })).status
    : 'no cookie';

async function signedInPhone() {
  const { context, page } = await phone();
  await signInOnScreen(page, api.server.url, 'facA');
  await offlineCopyReady(page);
  const [account] = await storeRows(page, 'account');
  const token = account.token as string;
  expect(await tokenStatus(token)).toBe(200);
  const cookie = await sessionCookie(context);
  expect(await cookieStatus(cookie)).toBe(200);
  return { context, page, token, cookie };
}

async function signOutWithoutSignal(context: BrowserContext, page: Page, token: string) {
  await context.setOffline(true);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.locator('#sign-out').click();
  await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
  // The note waits on the phone; the server has not heard, so the token still works.
  await expect.poll(async () => (await storeRows(page, 'revocations')).map((n) => n.token)).toEqual([token]);
  expect(await storeRows(page, 'account')).toEqual([]);
  expect(await tokenStatus(token)).toBe(200);
}

describe('signing out of the attendance screen without signal', () => {
  test('the token is revoked when the connection comes back, and the note is then deleted', async () => {
    const { context, page, token, cookie } = await signedInPhone();
    await signOutWithoutSignal(context, page, token);

    await context.setOffline(false);
    await expect.poll(() => tokenStatus(token), { timeout: 15_000 }).toBe(401);
    // The session cookie of the same sign-in ends too, on the server and in the browser.
    await expect.poll(() => cookieStatus(cookie)).toBe(401);
    expect(await sessionCookie(context)).toBeUndefined();
    await expect.poll(async () => (await storeRows(page, 'revocations')).length).toBe(0);
    await context.close();
  });

  test('the note outlives the page: closed offline, the phone revokes the token the next time the screen opens with signal', async () => {
    const { context, page, token } = await signedInPhone();
    await signOutWithoutSignal(context, page, token);
    await page.reload();
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
    expect(await tokenStatus(token)).toBe(200);
    await page.close();

    await context.setOffline(false);
    const later = await context.newPage();
    await later.goto(`${api.server.url}/asistencia/`);
    await expect.poll(() => tokenStatus(token), { timeout: 15_000 }).toBe(401);
    await expect.poll(async () => (await storeRows(later, 'revocations')).length).toBe(0);
    await context.close();
  });

  test('a sign-in after the offline sign-out is not ended by the note: only the old token is', async () => {
    const { context, page, token } = await signedInPhone();
    await signOutWithoutSignal(context, page, token);
    // Signal returns but the server cannot take the revocation yet, so the note is still waiting when she signs in again.
    await page.route('**/api/v1/auth/logout', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"server_busy","message":"busy"}}',
      }),
    );
    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.locator('#sign-in input[name=email]').fill('faca@tejido.test');
    await page.locator('#sign-in input[name=password]').fill(PASSWORD);
    await page.locator('#sign-in button[type=submit]').click();
    await expect.poll(() => page.locator('#roster button.member').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await storeRows(page, 'revocations')).map((n) => n.token)).toEqual([token]);
    expect(await tokenStatus(token)).toBe(200);

    // The server takes it now: the old token ends; her new cookie and token, from the new sign-in, do not.
    await page.unroute('**/api/v1/auth/logout');
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await expect.poll(() => tokenStatus(token), { timeout: 15_000 }).toBe(401);
    await expect.poll(async () => (await storeRows(page, 'revocations')).length).toBe(0);
    const [account] = await storeRows(page, 'account');
    expect(account.token).not.toBe(token);
    expect(await tokenStatus(account.token)).toBe(200);
    expect(await cookieStatus(await sessionCookie(context))).toBe(200);
    await context.close();
  });
});
