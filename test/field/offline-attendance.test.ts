import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { Refusal } from '../../src/field-app/attendance/api.ts';
import type { QueuedRollCall } from '../../src/field-app/attendance/store.ts';
import { explainRefusal } from '../../src/field-app/attendance/sync.ts';
import { plural } from '../../src/field-app/attendance/words.ts';
import { es } from './words.ts';
import { launchChromium } from '../support/browser.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import {
  addMembers,
  browserStorageText,
  NAME_MARK,
  offlineCopyReady,
  roster,
  saveProgrammeCopy,
  screenshotPath,
  signInOnScreen,
} from './field-world.ts';

const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
const MEMBERS = 40;
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;
let bankRoster: ReturnType<typeof roster>;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_offline'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  bankRoster = roster(MEMBERS, 'A');
  await addMembers(world.users.facA.client, world.banks.a1, bankRoster);
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    locale: 'es-PE',
  });
  return { context, page: await context.newPage() };
}

/** Rows of the attendance table for one delivery, read straight from the SQLite file. */
function attendanceRowsInDatabase(deliveryId: string): number {
  const db = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { readOnly: true });
  try {
    return Number(
      (db.prepare('select count(*) as n from attendance where delivery_id = ?').get(deliveryId) as { n: number }).n,
    );
  } finally {
    db.close();
  }
}

describe('the facilitator without signal', () => {
  test('takes attendance offline, survives a reload, and the records reach the database exactly once', async () => {
    const { context, page } = await phone();
    const [first, second] = sessions;
    if (!first || !second) throw new Error('the manual needs two sessions');

    // With signal: sign in (the roster is read and kept; the screen keeps itself offline), and
    // save the programme's copy from its first session's page.
    await signInOnScreen(page, api.server.url, 'facA');
    await expect.poll(() => page.locator('#roster button.member').count()).toBe(MEMBERS);
    await offlineCopyReady(page);
    await saveProgrammeCopy(page, `${api.server.url}/${first.slug}/`);

    await context.setOffline(true);
    for (const session of [first, second]) {
      await page.goto(`${api.server.url}/${session.slug}/`);
      await expect.poll(() => page.locator('section.prepare').isVisible()).toBe(true);
      expect(await page.locator('h1').first().textContent()).toContain(session.title);
    }

    await page.goto(`${api.server.url}/asistencia/`);
    await expect.poll(() => page.locator('#roster button.member').count()).toBe(MEMBERS);
    await page.selectOption('#session', first.id);
    await page.fill('#date', '2026-05-12');
    const buttons = page.locator('#roster button.member');
    const present = 30;
    for (let i = 0; i < present; i++) await buttons.nth(i).click();
    await expect.poll(() => page.locator('#present-count').textContent()).toBe(`${present} de ${MEMBERS} presentes`);
    await page.locator('#save').click();
    const entry = page.locator('#queue li').first();
    await expect.poll(() => entry.getAttribute('data-status')).toBe('pending');
    expect(await entry.locator('.status').textContent()).toBe('guardado en el teléfono');
    await page.screenshot({ path: screenshotPath('field-attendance-saved-offline-360x640.png') });

    // Still offline: the page comes from the service worker, the queue from IndexedDB.
    await page.reload();
    await expect.poll(() => page.locator('#queue li').count()).toBe(1);
    expect(await page.locator('#queue li').first().getAttribute('data-status')).toBe('pending');
    const deliveryId = (await page.locator('#queue li').first().getAttribute('data-delivery')) as string;
    expect((await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body.deliveries).toEqual(
      [],
    );

    // Signal comes back: the online event sends the queue.
    await context.setOffline(false);
    await expect
      .poll(() => page.locator('#queue li').first().getAttribute('data-status'), { timeout: 15_000 })
      .toBe('sent');
    expect(await page.locator('#queue li .status').first().textContent()).toBe('enviado');

    const deliveries = (await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body
      .deliveries;
    expect(deliveries).toEqual([
      expect.objectContaining({
        id: deliveryId,
        sessionId: first.id,
        deliveredOn: '2026-05-12',
        present,
        absent: MEMBERS - present,
      }),
    ]);
    const rows = (await world.users.facA.client.get(`/api/v1/deliveries/${deliveryId}/attendance`)).body.attendance;
    expect(rows).toHaveLength(MEMBERS);
    expect(attendanceRowsInDatabase(deliveryId)).toBe(MEMBERS);

    // The answer to a send can be lost on a bad line: the phone then sends again. Nothing doubles.
    await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('tejido-campo');
        open.onsuccess = () => resolve(open.result);
      });
      const store = db.transaction('queue', 'readwrite').objectStore('queue');
      const entry = await new Promise<any>(
        (resolve) => (store.get(id).onsuccess = (e) => resolve((e.target as IDBRequest).result)),
      );
      store.put({ ...entry, status: 'pending' });
    }, deliveryId);
    await page.reload();
    await expect
      .poll(() => page.locator('#queue li').first().getAttribute('data-status'), { timeout: 15_000 })
      .toBe('sent');
    expect(attendanceRowsInDatabase(deliveryId)).toBe(MEMBERS);
    expect(
      (await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body.deliveries,
    ).toHaveLength(1);

    // Choosing the same meeting again opens the roll call already sent, with its marks. A meeting
    // of May is long past its correction window: it shows, and cannot be changed.
    await page.selectOption('#session', first.id);
    await page.fill('#date', '2026-05-12');
    await expect.poll(() => page.locator('#save').textContent()).toBe('Guardar corrección');
    expect(await page.locator('#present-count').textContent()).toBe(`${present} de ${MEMBERS} presentes`);
    expect(await page.locator('#save').isDisabled()).toBe(true);
    expect(await page.locator('#save-message').textContent()).toContain('pide a la administración que la reabra');
    await context.close();
  });

  test('one tap per member on rows at least 48 px tall; a roll call of 40 is 40 taps', async () => {
    const { context, page } = await phone();
    await signInOnScreen(page, api.server.url, 'facA');
    const buttons = page.locator('#roster button.member');
    await expect.poll(() => buttons.count()).toBe(MEMBERS);
    const heights = await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(
      Math.min(...heights),
      JSON.stringify({
        heights,
        state: await page.evaluate(() => ({
          roll: document.querySelector('#roll')?.hasAttribute('hidden'),
          form: document.querySelector('#roll-form')?.hasAttribute('hidden'),
          signIn: document.querySelector('#sign-in')?.hasAttribute('hidden'),
          note: document.querySelector('#sign-in-message')?.textContent,
        })),
      }),
    ).toBeGreaterThanOrEqual(48);
    const started = Date.now();
    for (let i = 0; i < MEMBERS; i++)
      await buttons
        .nth(i)
        .tap()
        .catch(() => buttons.nth(i).click());
    expect(await page.locator('#present-count').textContent()).toBe(`${MEMBERS} de ${MEMBERS} presentes`);
    expect(Date.now() - started).toBeLessThan(120_000);
    await buttons.nth(2).click();
    expect(await page.locator('#present-count').textContent()).toBe(`${MEMBERS - 1} de ${MEMBERS} presentes`);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
    await page.selectOption('#session', sessions[1]?.id ?? '');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('field-attendance-360x640.png') });
    await buttons.nth(0).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -120));
    await page.screenshot({ path: screenshotPath('field-attendance-roster-360x640.png') });
    await context.close();
  });

  test('the roster prints as a paper list: same codes, same order, a blank column to tick', async () => {
    const { context, page } = await phone();
    await signInOnScreen(page, api.server.url, 'facA');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#roster').isVisible()).toBe(false);
    expect(await page.locator('.paper-list').isVisible()).toBe(true);
    const codes = await page.locator('#paper-rows td.code').allTextContents();
    expect(codes).toEqual(bankRoster.map((m) => m.memberCode).sort());
    expect(await page.locator('#paper-rows td.tick').allTextContents()).toEqual(Array(MEMBERS).fill(''));
    await page.locator('#print-names').evaluate((el: HTMLInputElement) => el.click());
    expect(await page.locator('#paper-rows td.name').first().isVisible()).toBe(false);
    await context.close();
  });

  test('signing out leaves no member name in IndexedDB, localStorage or Cache Storage', async () => {
    const { context, page } = await phone();
    await signInOnScreen(page, api.server.url, 'facA');
    await offlineCopyReady(page);
    await page.selectOption('#session', sessions[2]?.id ?? '');
    await page.fill('#date', '2026-06-02');
    await page.locator('#roster button.member').first().click();
    await context.setOffline(true);
    await page.locator('#save').click();
    await expect.poll(() => page.locator('#queue li[data-status=pending]').count()).toBe(1);

    const before = await browserStorageText(page);
    expect(before.indexedDb, 'while signed in, the roster is kept with names').toContain(NAME_MARK);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('#sign-out').click();
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
    const after = await browserStorageText(page);
    for (const [where, text] of Object.entries(after))
      expect(text, `${where} still holds a member name`).not.toContain(NAME_MARK);
    expect(await page.content()).not.toContain(NAME_MARK);
    // The unsent roll call is kept (by code), not dropped.
    expect(after.indexedDb).toContain('"memberCode":"A-0001"');
    expect(await page.locator('#queue li[data-status=pending]').count()).toBe(1);
    await context.close();
  });

  test('the server’s refusals are told in a facilitator’s words (from the API’s real answers)', async () => {
    const client = world.users.facA.client;
    const send = (entry: QueuedRollCall) =>
      client.post('/api/v1/attendance-batches', {
        delivery: entry.delivery,
        records: entry.records.map(({ id, memberId, present }) => ({ id, memberId, present })),
      });
    const rollCall = (
      bankId: string,
      members: { id: string; memberCode: string }[],
      present = true,
    ): QueuedRollCall => {
      const id = randomUUID();
      return {
        id,
        userId: world.users.facA.id,
        delivery: { id, bankId, sessionId: sessions[3]?.id ?? '', deliveredOn: '2026-07-01' },
        bankCode: 'BC-A1',
        sessionTitle: 'Sesión 4',
        records: members.map((m) => ({ id: randomUUID(), memberId: m.id, memberCode: m.memberCode, present })),
        savedAt: new Date().toISOString(),
        status: 'pending',
        attempts: 1,
      };
    };
    const words = async (entry: QueuedRollCall) => {
      const answer = await send(entry);
      return explainRefusal(entry, new Refusal(answer.status, answer.body), es);
    };

    const stranger = { id: randomUUID(), memberCode: 'X-0099' };
    expect(await words(rollCall(world.banks.a1, [...bankRoster.slice(0, 2), stranger]))).toEqual({
      status: 'refused',
      problem: plural(es, 'sync.notMembers', 1, { codes: 'X-0099' }),
    });

    const sent = rollCall(world.banks.a1, bankRoster.slice(0, 3));
    expect((await send(sent)).status).toBe(200);
    const changed = { ...sent, records: sent.records.map((r) => ({ ...r, present: !r.present })) };
    expect(await words(changed)).toEqual({ status: 'conflict', problem: es('sync.conflict') });

    expect(await words(rollCall(world.banks.a2, bankRoster.slice(0, 1)))).toEqual({
      status: 'refused',
      problem: es('sync.notYourBank'),
    });
  });

  test('a coordinator who opens the attendance screen is sent to her own view, and sees no roster', async () => {
    const { context, page } = await phone();
    await page.goto(`${api.server.url}/asistencia/`);
    await page.locator('#sign-in input[name=email]').fill('coorda@tejido.test');
    await page.locator('#sign-in input[name=password]').fill(PASSWORD);
    await page.locator('#sign-in button[type=submit]').click();
    await expect.poll(() => page.locator('#role-note').isVisible()).toBe(true);
    expect(await page.locator('#roll-form').isVisible()).toBe(false);
    expect(await page.locator('#role-note a').getAttribute('href')).toBe('/coordinacion/');
    await context.close();
  });
});
