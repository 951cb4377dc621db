import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { meetingDate } from '../../src/field-app/attendance/dates.ts';
import { launchChromium } from '../support/browser.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import { addMembers, offlineCopyReady, roster, screenshotPath } from './field-world.ts';
import { en, es, fieldTable } from './words.ts';

/**
 * The English attendance screen is the same app as the Spanish one: the same script, the same
 * API, the same offline queue, with its words from content/i18n/en.json. A facilitator takes a
 * roll call in English (offline, then sent) and one in Spanish with the same taps: the server
 * keeps the same marks for both, and no Spanish interface word shows on the English screen.
 */
const session = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia').find((s) => s.id === 'gv-comunicacion')!;
const englishTitle = /^title: "?(.*?)"?$/m.exec(
  readFileSync(join(projectRoot, 'content/docs/en/imagen-peru/genero-y-violencia/comunicacion.mdx'), 'utf8'),
)![1]!;
const MEMBERS = 12;
const PRESENT = [0, 1, 2, 4, 6, 7, 9, 11];
/** Spanish interface sentences of the field app whose English differs, placeholders left out. */
const spanishWords = Object.entries(fieldTable('es'))
  .filter(([key, text]) => !text.includes('{{') && fieldTable('en')[key] !== text)
  .map(([, text]) => text);

let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_english'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  await addMembers(world.users.facA.client, world.banks.a1, roster(MEMBERS, 'E'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function phone(locale: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, locale });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, path: string) {
  await page.goto(`${api.server.url}${path}`);
  await page.locator('#sign-in input[name=email]').fill('faca@tejido.test');
  await page.locator('#sign-in input[name=password]').fill(PASSWORD);
  await page.locator('#sign-in button[type=submit]').click();
  await expect.poll(() => page.locator('#roster button.member').count(), { timeout: 15_000 }).toBe(MEMBERS);
}

/** Chooses the session and date, taps the same members, saves; returns the queued entry's delivery id. */
async function takeRollCall(page: Page, date: string) {
  await page.selectOption('#session', session.id);
  await page.fill('#date', date);
  const buttons = page.locator('#roster button.member');
  for (const i of PRESENT) await buttons.nth(i).click();
  await page.locator('#save').click();
  const entry = page.locator(`#queue li`).first();
  await expect.poll(() => entry.getAttribute('data-status')).not.toBeNull();
  return (await entry.getAttribute('data-delivery')) as string;
}

/** What the screen shows a person: its visible text, the session list's options left out (content, not interface). */
const screenText = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('.field-attendance') as HTMLElement;
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('#session optgroup, template, .paper-list').forEach((el) => el.remove());
    return [document.title, document.querySelector('h1')?.textContent ?? '', copy.innerText].join('\n');
  });

const marksOf = async (deliveryId: string) =>
  (
    (await world.users.facA.client.get(`/api/v1/deliveries/${deliveryId}/attendance`)).body.attendance as {
      memberId: string;
      present: boolean;
    }[]
  )
    .map((r) => `${r.memberId}:${r.present}`)
    .sort();

describe('the attendance screen in English', () => {
  test('a roll call taken in English, offline, reaches the server with the same marks as the same taps in Spanish', async () => {
    const { context, page } = await phone('en-GB');
    await signIn(page, '/en/asistencia/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').first().textContent()).toBe('Attendance');
    expect(await page.locator('#save').textContent()).toBe(en('save.newRollCall'));
    expect(await page.locator('label:has(#bank)').innerText()).toContain('Community bank');
    expect(await page.locator('#account-name').textContent()).toBe(en('signIn.signedInAs', { name: 'facA' }));
    // The session list speaks English where the session is translated; its value is the same id.
    expect((await page.locator(`#session option[value="${session.id}"]`).textContent())?.trim()).toBe(englishTitle);
    await page.selectOption('#session', session.id);
    await expect.poll(() => page.locator('#steps-legend').textContent()).toBe('Which steps did you do?');
    expect(await page.locator('#steps-list .core').first().textContent()).toBe('key step');
    // Its steps too: the translated page's titles, in the source's order (the indexes sent are the same).
    const steps = await page.locator('#steps-list button.step').allInnerTexts();
    expect(steps).toHaveLength(session.agenda.length);
    expect(steps.join('\n')).toContain('Welcome and agreements');
    expect(steps.join('\n')).not.toContain(session.agenda[0]!.title);

    // Without signal, like in the field: the English screen is in the offline core too.
    await offlineCopyReady(page);
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('#roster button.member').count(), { timeout: 15_000 }).toBe(MEMBERS);
    expect(await page.locator('#save').textContent()).toBe('Save attendance');
    const englishId = await takeRollCall(page, '2026-05-12');
    const entry = page.locator('#queue li').first();
    expect(await entry.getAttribute('data-status')).toBe('pending');
    expect(await entry.locator('.status').textContent()).toBe('saved on the phone');
    expect(await page.locator('#present-count').textContent()).toBe(`${PRESENT.length} of ${MEMBERS} present`);
    expect(await entry.locator('span').first().textContent()).toBe(
      en('queue.line', {
        bank: 'BC-A1',
        date: meetingDate('2026-05-12', 'en'),
        session: englishTitle,
        present: PRESENT.length,
        total: MEMBERS,
      }),
    );
    expect(await page.locator('#sync-note').textContent()).toBe(en('sync.offline'));
    await page.screenshot({ path: screenshotPath('field-attendance-english-offline-360x640.png') });

    // No Spanish interface sentence anywhere on the English screen, online or off.
    const text = await screenText(page);
    expect(spanishWords.filter((words) => text.includes(words))).toEqual([]);
    for (const word of ['Guardar', 'socias', 'presentes', 'Banco comunal', 'Sesión del manual', 'Cerrar sesión'])
      expect(text, word).not.toContain(word);

    await context.setOffline(false);
    await expect.poll(() => entry.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    expect(await entry.locator('.status').textContent()).toBe('sent');
    await context.close();

    // The same taps in Spanish, for another meeting: the server holds the very same marks.
    const spanish = await phone('es-PE');
    await signIn(spanish.page, '/asistencia/');
    expect(await spanish.page.locator('#save').textContent()).toBe(es('save.newRollCall'));
    const spanishId = await takeRollCall(spanish.page, '2026-06-09');
    await expect
      .poll(() => spanish.page.locator(`#queue li[data-delivery="${spanishId}"]`).getAttribute('data-status'), {
        timeout: 15_000,
      })
      .toBe('sent');
    await spanish.context.close();

    const deliveries = (await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/deliveries`)).body
      .deliveries as { id: string; sessionId: string; present: number; absent: number }[];
    const [inEnglish, inSpanish] = [englishId, spanishId].map((id) => deliveries.find((d) => d.id === id));
    expect(inEnglish).toMatchObject({
      sessionId: session.id,
      present: PRESENT.length,
      absent: MEMBERS - PRESENT.length,
    });
    expect(inSpanish).toMatchObject({
      sessionId: session.id,
      present: PRESENT.length,
      absent: MEMBERS - PRESENT.length,
    });
    const [englishMarks, spanishMarks] = [await marksOf(englishId), await marksOf(spanishId)];
    expect(englishMarks).toHaveLength(MEMBERS);
    expect(englishMarks).toEqual(spanishMarks);
  });

  test('the Spanish screen’s language switcher leads to the English screen, and back', async () => {
    const { context, page } = await phone('es-PE');
    const switcher = (lang: string) =>
      page
        .locator(`nav.language-links a[hreflang="${lang}"]`)
        .evaluateAll((els) => els.map((el) => el.getAttribute('href')));
    await page.goto(`${api.server.url}/asistencia/`);
    // The header's and the phone menu's: both lead to the English screen.
    expect(await switcher('en')).toEqual(['/en/asistencia/', '/en/asistencia/']);
    const response = await page.goto(`${api.server.url}/en/asistencia/`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#sign-in h2').textContent()).toBe('Sign in');
    expect(await page.locator('#sign-in button[type=submit]').textContent()).toBe('Sign in');
    expect(await page.locator('#sign-in label').first().innerText()).toContain('Email');
    expect(await switcher('es')).toEqual(['/asistencia/', '/asistencia/']);
    await context.close();
  });

  test('the English screen sends a coordinator to the English coordinator page', async () => {
    const { context, page } = await phone('en-GB');
    await page.goto(`${api.server.url}/en/asistencia/`);
    await page.locator('#sign-in input[name=email]').fill('coorda@tejido.test');
    await page.locator('#sign-in input[name=password]').fill(PASSWORD);
    await page.locator('#sign-in button[type=submit]').click();
    await expect.poll(() => page.locator('#role-note').isVisible()).toBe(true);
    expect(await page.locator('#role-note a').getAttribute('href')).toBe('/en/coordinacion/');
    expect(await page.locator('#role-note').innerText()).toBe(
      `${fieldTable('en')['page.roleNote']} ${fieldTable('en')['page.roleLink']}.`,
    );
    await context.close();
  });
});
