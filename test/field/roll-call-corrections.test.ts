import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { es } from './words.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { addMembers, offlineCopyReady, roster, screenshotPath, signInOnScreen } from './field-world.ts';

/**
 * Roll calls on a 360 × 640 phone and in the office: one per meeting, corrected within the
 * window (confirmed first, queued without signal), reopened by the admin. Meetings are dated in
 * the past, so the organisation's 14-day window is open or closed without moving any clock.
 */
const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
const MEMBERS = 12;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;
let bankRoster: ReturnType<typeof roster>;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_rollcalls'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  bankRoster = roster(MEMBERS, 'C');
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

const sessionId = (i: number) => {
  const id = sessions[i]?.id;
  if (!id) throw new Error(`the manual needs a session ${i + 1}`);
  return id;
};

/** A roll call sent straight to the API (another phone's), the first `present` women present. */
async function rollCallOnServer(session: number, deliveredOn: string, present: number) {
  const id = randomUUID();
  const sorted = [...bankRoster].sort((a, b) => a.memberCode.localeCompare(b.memberCode));
  const answer = await world.users.facA.client.post('/api/v1/attendance-batches', {
    delivery: { id, bankId: world.banks.a1, sessionId: sessionId(session), deliveredOn },
    records: sorted.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i < present })),
  });
  expect(answer.status, answer.text).toBe(200);
  return id;
}

const onServer = async (deliveryId: string) => {
  const listed = (await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body.deliveries as {
    id: string;
    version: number;
    present: number;
  }[];
  return listed.find((d) => d.id === deliveryId);
};
const count = (page: Page) => page.locator('#present-count').textContent();
const entry = (page: Page, deliveryOrCorrection: string) =>
  page.locator(`#queue li[data-delivery="${deliveryOrCorrection}"]`);

async function chooseMeeting(page: Page, session: number, date: string) {
  await page.selectOption('#session', sessionId(session));
  await page.fill('#date', date);
}

/** Saves a change to a roll call already saved: the confirmation says how many marks change. */
async function saveCorrection(page: Page, changes: number) {
  await page.locator('#save').click();
  const dialog = page.locator('#correction-dialog');
  await expect.poll(() => dialog.isVisible()).toBe(true);
  expect(await page.locator('#correction-text').textContent()).toContain(
    `Vas a cambiar ${changes} ${changes === 1 ? 'marca' : 'marcas'}`,
  );
  await page.locator('#confirm-correction').click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

describe('roll calls on the phone', () => {
  test('“all present”, two taps, save; opened again later it shows its marks, and one change is confirmed before it is saved', async () => {
    const { context, page } = await phone();
    await signInOnScreen(page, api.server.url, 'facA');
    const date = daysAgo(3);
    await chooseMeeting(page, 0, date);
    expect(await page.locator('#save').textContent()).toBe('Guardar asistencia');
    await page.locator('#all-present').click();
    expect(await count(page)).toBe(`${MEMBERS} de ${MEMBERS} presentes`);
    const members = page.locator('#roster button.member');
    await members.nth(2).click();
    await members.nth(5).click();
    expect(await count(page)).toBe(`${MEMBERS - 2} de ${MEMBERS} presentes`);
    expect(await seriousViolations(page)).toEqual([]);
    // A new roll call is saved without a question.
    await page.locator('#save').click();
    const first = page.locator('#queue li').first();
    await expect.poll(() => first.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    const deliveryId = (await first.getAttribute('data-delivery')) as string;
    expect(await onServer(deliveryId)).toMatchObject({ version: 1, present: MEMBERS - 2 });

    // Later (a fresh page): the same meeting opens the roll call already taken.
    await page.reload();
    await expect.poll(() => members.count()).toBe(MEMBERS);
    await chooseMeeting(page, 0, date);
    await expect.poll(() => count(page)).toBe(`${MEMBERS - 2} de ${MEMBERS} presentes`);
    expect(await page.locator('#save').textContent()).toBe('Guardar corrección');
    expect(await members.nth(2).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('#save-message').textContent()).toContain('Puedes corregirla hasta el');
    expect(await page.locator('#save-message').textContent()).not.toContain('coordinadora');

    // A change, then "Volver": nothing is saved.
    await members.nth(2).click();
    await page.locator('#save').click();
    await expect.poll(() => page.locator('#correction-dialog').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('field-correction-confirm-360x640.png') });
    await page.locator('#cancel-correction').click();
    expect(await page.locator('#queue li').count()).toBe(1);
    expect(await page.locator('#save-message').textContent()).toBe(es('roster.unsaved'));

    await saveCorrection(page, 1);
    await expect.poll(() => page.locator('#queue li').count()).toBe(2);
    const correction = page.locator('#queue li').first();
    await expect.poll(() => correction.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    expect(await correction.textContent()).toContain('corrección: 1 cambio');
    expect(await onServer(deliveryId)).toMatchObject({ version: 2, present: MEMBERS - 1 });
    const versions = (await world.users.facA.client.get(`/api/v1/deliveries/${deliveryId}/versions`)).body.versions as {
      version: number;
      changed: number;
    }[];
    expect(versions.map((v) => [v.version, v.changed])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    // Saving again with nothing changed asks nothing and sends nothing.
    await page.locator('#save').click();
    expect(await page.locator('#save-message').textContent()).toBe(es('save.noChanges'));
    await context.close();
  });

  test('a correction made without signal waits on the phone and is sent when the signal returns; one overtaken by another phone is told in Spanish', async () => {
    const date = daysAgo(2);
    const deliveryId = await rollCallOnServer(1, date, 6);
    const { context, page } = await phone();
    await signInOnScreen(page, api.server.url, 'facA');
    await offlineCopyReady(page);
    // The office's "Corregir" link: the roll call opens with its meeting chosen.
    await page.goto(`${api.server.url}/asistencia/?entrega=${deliveryId}`);
    await expect.poll(() => count(page)).toBe(`6 de ${MEMBERS} presentes`);
    expect(await page.locator('#session').inputValue()).toBe(sessionId(1));
    expect(await page.locator('#date').inputValue()).toBe(date);

    await context.setOffline(true);
    const members = page.locator('#roster button.member');
    await members.nth(0).click();
    await saveCorrection(page, 1);
    const queuedOne = page.locator('#queue li').first();
    await expect.poll(() => queuedOne.getAttribute('data-status')).toBe('pending');
    expect(await page.locator('#save-message').textContent()).toBe(es('save.correctionQueued'));
    expect((await onServer(deliveryId))?.version).toBe(1);
    await page.screenshot({ path: screenshotPath('field-correction-offline-360x640.png') });

    await context.setOffline(false);
    await expect.poll(() => queuedOne.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    expect(await onServer(deliveryId)).toMatchObject({ version: 2, present: 5 });

    // Offline again; meanwhile another phone corrects the same roll call first.
    await context.setOffline(true);
    await members.nth(1).click();
    await saveCorrection(page, 1);
    await expect.poll(() => page.locator('#queue li').count()).toBe(2);
    const overtaken = page.locator('#queue li').first();
    const overtakenId = (await overtaken.getAttribute('data-delivery')) as string;
    await expect.poll(() => overtaken.getAttribute('data-status')).toBe('pending');
    const sorted = [...bankRoster].sort((a, b) => a.memberCode.localeCompare(b.memberCode));
    const other = await world.users.facA.client.post(`/api/v1/deliveries/${deliveryId}/corrections`, {
      id: randomUUID(),
      basedOn: 2,
      records: [{ memberId: sorted[11]!.id, present: true }],
    });
    expect(other.status).toBe(200);
    await context.setOffline(false);
    await expect.poll(() => entry(page, overtakenId).getAttribute('data-status'), { timeout: 15_000 }).toBe('conflict');
    expect(await entry(page, overtakenId).locator('.problem').textContent()).toBe(es('sync.versionChanged'));
    // The server's copy is the one on screen now, and it can be corrected again.
    await expect.poll(() => count(page)).toBe(`6 de ${MEMBERS} presentes`);
    await members.nth(1).click();
    await saveCorrection(page, 1);
    await expect.poll(async () => (await onServer(deliveryId))?.version, { timeout: 15_000 }).toBe(4);
    await context.close();
  });

  test('a meeting another phone already took is opened, not taken again; one past its window shows and cannot be changed', async () => {
    const { context, page } = await phone();
    await signInOnScreen(page, api.server.url, 'facA');
    await offlineCopyReady(page);

    const old = daysAgo(20);
    await rollCallOnServer(0, old, 7);
    await page.reload();
    await expect.poll(() => page.locator('#roster button.member').count()).toBe(MEMBERS);
    await chooseMeeting(page, 0, old);
    await expect.poll(() => count(page)).toBe(`7 de ${MEMBERS} presentes`);
    expect(await page.locator('#save').isDisabled()).toBe(true);
    expect(await page.locator('#all-present').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('#save-message').textContent()).toContain('Ya no se puede corregir');

    // Without signal the phone cannot know the other phone's roll call: it takes its own…
    const date = daysAgo(1);
    await context.setOffline(true);
    await chooseMeeting(page, 1, date);
    await page.locator('#all-present').click();
    await page.locator('#save').click();
    const mine = page.locator('#queue li').first();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('pending');
    const storedId = await rollCallOnServer(1, date, 3);
    // …and when the signal returns it is told, and opens the one on the server.
    await context.setOffline(false);
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 15_000 }).toBe('conflict');
    expect(await mine.locator('.problem').textContent()).toBe(es('sync.sameMeeting'));
    await mine.locator('button.open-stored').click();
    await expect.poll(() => count(page)).toBe(`3 de ${MEMBERS} presentes`);
    expect(await page.locator('#save').textContent()).toBe('Guardar corrección');
    expect((await onServer(storedId))?.present).toBe(3);
    await context.close();
  });
});

describe('the office page of roll calls', () => {
  async function signInOffice(page: Page, path: string, email: string) {
    await page.goto(`${api.server.url}${path}`);
    await page.locator('form.sign-in input[name=email]').fill(email);
    await page.locator('form.sign-in input[name=password]').fill(PASSWORD);
    await page.locator('form.sign-in button[type=submit]').click();
    await page.waitForLoadState('load');
  }

  test('the facilitator sees counts, version and until when; the admin sees session and date only, and reopens a closed one', async () => {
    const open = await rollCallOnServer(0, daysAgo(4), 9);
    const closed = await rollCallOnServer(1, daysAgo(25), 8);

    const fac = await phone();
    await signInOffice(fac.page, '/oficina/asistencias/', 'faca@tejido.test');
    const openRow = fac.page.locator(`tr[data-delivery-id="${open}"]`);
    await expect.poll(() => openRow.count()).toBe(1);
    expect(await openRow.textContent()).toContain(`9 de ${MEMBERS}`);
    expect(await openRow.textContent()).toContain('corregir hasta el');
    expect(await openRow.locator('a.correct').getAttribute('href')).toBe(`/asistencia/?entrega=${open}`);
    const closedRow = fac.page.locator(`tr[data-delivery-id="${closed}"]`);
    expect(await closedRow.textContent()).toContain('plazo terminado');
    expect(await closedRow.locator('a.correct').count()).toBe(0);
    expect(await fac.page.locator('form.reopen').count()).toBe(0);
    expect(await seriousViolations(fac.page)).toEqual([]);
    await fac.page.screenshot({ path: screenshotPath('office-rollcalls-facilitator-360x640.png'), fullPage: true });

    const admin = await phone();
    await signInOffice(admin.page, '/oficina/asistencias/', 'admin@tejido.test');
    const adminClosed = admin.page.locator(`tr[data-delivery-id="${closed}"]`);
    await expect.poll(() => adminClosed.count()).toBe(1);
    const text = (await admin.page.locator('main').textContent()) ?? '';
    // Which session was held when, never who came or how many.
    expect(text).not.toMatch(/\d+ de \d+/);
    expect(bankRoster.filter((m) => text.includes(m.memberCode) || text.includes(m.displayName))).toEqual([]);
    expect(text).toContain('podrá corregirla durante 14 días');
    expect(await admin.page.locator(`form.reopen[data-delivery-id="${open}"]`).count()).toBe(0);
    expect(await seriousViolations(admin.page)).toEqual([]);
    await admin.page.locator(`form.reopen[data-delivery-id="${closed}"] button`).click();
    await admin.page.waitForLoadState('load');
    await expect.poll(() => admin.page.locator('.notice.done').textContent()).toContain('Reabierta');
    expect(await admin.page.locator(`form.reopen[data-delivery-id="${closed}"]`).count()).toBe(0);
    expect(await admin.page.locator(`tr[data-delivery-id="${closed}"]`).getAttribute('data-correctable')).toBe('true');
    await admin.page.screenshot({ path: screenshotPath('office-rollcalls-admin-360x640.png'), fullPage: true });

    // The facilitator may correct it again: its "Corregir" link opens it on the attendance screen.
    await fac.page.reload();
    await fac.page.locator(`tr[data-delivery-id="${closed}"] a.correct`).click();
    // The attendance screen has its own sign-in (a token that lasts offline); then the roll call opens.
    await fac.page.locator('#sign-in input[name=email]').fill('faca@tejido.test');
    await fac.page.locator('#sign-in input[name=password]').fill(PASSWORD);
    await fac.page.locator('#sign-in button[type=submit]').click();
    await expect.poll(() => count(fac.page), { timeout: 15_000 }).toBe(`8 de ${MEMBERS} presentes`);
    expect(await fac.page.locator('#save').isDisabled()).toBe(false);

    // In English too.
    await admin.page.goto(`${api.server.url}/en/oficina/asistencias/`);
    expect(await admin.page.locator('h1').textContent()).toContain('Roll calls');
    expect(await admin.page.locator('tr[data-delivery-id]').count()).toBeGreaterThan(1);
    await fac.context.close();
    await admin.context.close();
  });

  test('a coordinator is told the page is not hers and sees no roll call', async () => {
    const { context, page } = await phone();
    await signInOffice(page, '/oficina/asistencias/', 'coorda@tejido.test');
    await expect
      .poll(() => page.locator('.office .hint').first().textContent())
      .toContain('administración y las facilitadoras');
    expect(await page.locator('tr[data-delivery-id]').count()).toBe(0);
    await context.close();
  });
});
