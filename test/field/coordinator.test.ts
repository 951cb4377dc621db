import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { lastMonths } from '../../src/field-app/coordinator/figures.ts';
import { launchChromium } from '../support/browser.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { PASSWORD, seedWorld, startApi, type World } from '../support/api-world.ts';
import type { ApiClient } from '../support/api-client.ts';
import { addMembers, roster, screenshotPath } from './field-world.ts';

const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;
const months = lastMonths(new Date(), 12);

async function rollCall(
  client: ApiClient,
  bankId: string,
  sessionId: string,
  deliveredOn: string,
  members: { id: string }[],
  present: (i: number) => boolean,
) {
  const response = await client.post('/api/v1/attendance-batches', {
    delivery: { id: randomUUID(), bankId, sessionId, deliveredOn },
    records: members.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: present(i) })),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function activity(client: ApiClient, bankId: string, heldOn: string, women: number, men = 0) {
  const response = await client.post('/api/v1/activities', {
    id: randomUUID(),
    bankId,
    heldOn,
    place: 'Plaza',
    activityType: 'feria',
    reached: { women, men, girls: 0, boys: 0 },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

// Region A: 46 enrolled, 33 came at least once, 8 completed (4 of the manual's sessions). Bank a2
// (3 of its 6 never came) is hidden, with a1 as its partner; the region as a whole is shown.
beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_coordinator'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  const a1 = roster(40, 'A');
  const a2 = roster(6, 'B');
  await addMembers(world.users.facA.client, world.banks.a1, a1);
  await addMembers(world.users.facA2.client, world.banks.a2, a2);
  for (const [n, session] of sessions.slice(0, 4).entries()) {
    await rollCall(
      world.users.facA.client,
      world.banks.a1,
      session.id,
      `${months[6]}-1${n}`,
      a1,
      (i) => i < 8 || (i < 30 && n === 0),
    );
  }
  await rollCall(world.users.facA2.client, world.banks.a2, sessions[0]?.id ?? '', `${months[7]}-05`, a2, (i) => i < 3);
  await activity(world.users.facA.client, world.banks.a1, `${months[10]}-20`, 80, 40);
  await activity(world.users.facA.client, world.banks.a1, `${months[8]}-03`, 3);
  await activity(world.users.facA2.client, world.banks.a2, `${months[5]}-14`, 30, 15);
  await activity(world.users.facA.client, world.banks.a1, `${months[2]}-09`, 22, 9);
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function signInOnPage(page: Page, user: string, password = PASSWORD, path = '/coordinacion/') {
  await page.goto(`${api.server.url}${path}`);
  await page.locator('input[name=email]').fill(`${user.toLowerCase()}@tejido.test`);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form.sign-in button[type=submit]').click();
  await page.waitForLoadState();
}

const chartTexts = (page: Page, id: 'funnel' | 'reached') =>
  page.locator(`svg.chart:has(title#${id}-title) text.value`).allTextContents();

describe('the coordinator view', () => {
  test('asks to sign in and shows no figures to a stranger', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const response = await page.goto(`${api.server.url}/coordinacion/`);
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(await page.locator('form.sign-in').isVisible()).toBe(true);
    expect(await page.locator('svg.chart').count()).toBe(0);
    await signInOnPage(page, 'coordA', 'not-the-password');
    expect(await page.locator('form.sign-in .message').textContent()).toContain('no son correctos');
    await page.close();
  });

  test('draws her region’s funnel and people reached per month as SVG, from the protected figures', async () => {
    const page = await browser.newPage({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      locale: 'es-PE',
    });
    await signInOnPage(page, 'coordA');
    await page.goto(`${api.server.url}/coordinacion/?programa=imagen-peru`);
    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await chartTexts(page, 'funnel')).toEqual(['46', '33', '8']);
    // People reached at public events are an audience, not the programme's women: shown as they are.
    const reached = await chartTexts(page, 'reached');
    expect(reached).toEqual(['31', '45', '3', '120']);
    expect(await page.locator('.coordination .note').textContent()).toContain('«oculto»');
    // Drawn on the server: the charts are in the HTML as it leaves the server.
    const html = await (await page.request.get(`${api.server.url}/coordinacion/?programa=imagen-peru`)).text();
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
    await page.locator('svg.chart').first().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: screenshotPath('field-coordinator-360x640.png') });
    await page
      .locator('svg.chart')
      .nth(1)
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: screenshotPath('field-coordinator-reached-360x640.png') });
    await page.screenshot({ path: screenshotPath('field-coordinator-360-full.png'), fullPage: true });
    await page.close();
  });

  test('a coordinator sees only her region; the bank’s facilitator sees her own figures unsuppressed', async () => {
    const other = await browser.newPage();
    await signInOnPage(other, 'coordB');
    await other.goto(`${api.server.url}/coordinacion/?programa=imagen-peru`);
    expect(await chartTexts(other, 'funnel')).toEqual(['0', '0', '0']);
    await other.close();

    const facilitator = await browser.newPage();
    await signInOnPage(facilitator, 'facA');
    await facilitator.goto(`${api.server.url}/coordinacion/?programa=imagen-peru`);
    expect(await chartTexts(facilitator, 'funnel')).toEqual(['40', '30', '8']);
    expect(await chartTexts(facilitator, 'reached')).toEqual(['31', '3', '120']);
    await facilitator.locator('button[value=sign-out]').click();
    await facilitator.waitForLoadState();
    expect(await facilitator.locator('form.sign-in').isVisible()).toBe(true);
    await facilitator.close();
  });
});

const labelTexts = (page: Page, id: 'funnel' | 'reached', kind: 'label' | 'tick') =>
  page.locator(`svg.chart:has(title#${id}-title) text.${kind}`).allTextContents();

describe('the coordinator view in English (/en/coordinacion/): the same screen, its words from content/i18n/en.json', () => {
  test('a wrong password is refused in English, with no figures and no Spanish', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const response = await page.goto(`${api.server.url}/en/coordinacion/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('form.sign-in h2').textContent()).toBe('Sign in');
    expect(await page.locator('form.sign-in').innerText()).toMatch(/^Sign in\s+Email\s+Password\s+Sign in$/);
    await signInOnPage(page, 'coordA', 'not-the-password', '/en/coordinacion/');
    expect(page.url()).toBe(`${api.server.url}/en/coordinacion/`);
    expect(await page.locator('form.sign-in .message').textContent()).toBe('The email or the password is not correct.');
    expect(await page.locator('form.sign-in .message').getAttribute('data-code')).toBe('wrong_credentials');
    expect(await page.locator('svg.chart').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/correo|contraseña|sesión/i);
    await page.close();
  });

  test('a form posted from another site is refused in English, and nobody is signed in', async () => {
    const response = await fetch(`${api.server.url}/en/coordinacion/`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'coorda@tejido.test', password: PASSWORD }),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
    const html = await response.text();
    expect(html).toContain('data-code="foreign_origin">This form can only be sent from this page.</p>');
    expect(html).not.toContain('Este formulario');
  });

  test('signed in, the English screen shows the Spanish screen’s numbers under English labels', async () => {
    const spanish = await browser.newPage({ locale: 'es-PE' });
    await signInOnPage(spanish, 'coordA');
    await spanish.goto(`${api.server.url}/coordinacion/?programa=imagen-peru`);
    const english = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'en-GB' });
    await signInOnPage(english, 'coordA', PASSWORD, '/en/coordinacion/');
    // Signing in on the English screen comes back to the English screen.
    expect(english.url()).toBe(`${api.server.url}/en/coordinacion/`);
    await english.goto(`${api.server.url}/en/coordinacion/?programa=imagen-peru`);

    expect(await chartTexts(english, 'funnel')).toEqual(['46', '33', '8']);
    expect(await chartTexts(english, 'reached')).toEqual(['31', '45', '3', '120']);
    for (const id of ['funnel', 'reached'] as const)
      expect(await chartTexts(english, id)).toEqual(await chartTexts(spanish, id));

    const funnel = await labelTexts(english, 'funnel', 'label');
    expect(funnel.slice(0, 2)).toEqual(['Enrolled', 'Came at least once']);
    expect(funnel[2]).toMatch(/^Completed \(at least \d+ of \d+ sessions\)$/);
    // The same rule, in the other language: the numbers in the third label agree.
    const spanishFunnel = await labelTexts(spanish, 'funnel', 'label');
    expect(spanishFunnel.slice(0, 2)).toEqual(['Inscritas', 'Vinieron al menos una vez']);
    expect(funnel[2]!.match(/\d+/g)).toEqual(spanishFunnel[2]!.match(/\d+/g));
    // Months named in English, oldest first, the same twelve as the Spanish chart.
    const monthIn = (lang: string) => (m: string) =>
      new Date(`${m}-15T12:00:00Z`).toLocaleString(lang, { month: 'short', timeZone: 'UTC' }).replace('.', '');
    expect(await labelTexts(english, 'reached', 'tick')).toEqual(months.map(monthIn('en')));
    expect(await labelTexts(spanish, 'reached', 'tick')).toEqual(months.map(monthIn('es')));

    const headings = await english.locator('.coordination h2').allTextContents();
    expect(headings).toEqual(['Participation in IMAGE Peru', 'People reached by mobilisation']);
    expect(await english.locator('svg.chart title').allTextContents()).toEqual([
      'Participation in IMAGE Peru: enrolled, came at least once, completed',
      'People reached by mobilisation activities, by month',
    ]);
    const monthYear = (m: string) =>
      new Date(`${m}-15T12:00:00Z`).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(await english.locator('.coordination .caption').textContent()).toBe(
      `By month, from ${monthYear(months[0]!)} to ${monthYear(months[11]!)}.`,
    );
    expect(await english.locator('.coordination .note').textContent()).toContain(
      '“hidden” means that figure is not shown',
    );
    expect(await english.locator('.office-link a').getAttribute('href')).toBe('/en/oficina/indicadores/');
    expect(await english.locator('.office-link').textContent()).toBe(
      'See the figures by community bank (table and CSV file, in the programme office).',
    );
    expect(await english.locator('button[value=sign-out]').textContent()).toBe('Sign out');
    // Not one of the Spanish screen's words is left on the English one.
    const text = await english.locator('.coordination').innerText();
    for (const word of [
      'Inscritas',
      'Vinieron',
      'Completaron',
      'Participación',
      'Personas',
      'oculto',
      'Cerrar',
      'banco',
    ])
      expect(text, word).not.toContain(word);
    await english.screenshot({ path: screenshotPath('field-coordinator-en-360-full.png'), fullPage: true });

    // The language links lead from one screen to the other, still signed in.
    await english.goto(
      `${api.server.url}${await english.locator('.language-links a[hreflang=es]').first().getAttribute('href')}`,
    );
    expect(new URL(english.url()).pathname).toBe('/coordinacion/');
    expect(await english.locator('svg.chart').count()).toBe(2);
    await english.goto(
      `${api.server.url}${await english.locator('.language-links a[hreflang=en]').first().getAttribute('href')}`,
    );
    expect(new URL(english.url()).pathname).toBe('/en/coordinacion/');
    expect(await english.locator('svg.chart').count()).toBe(2);

    // Signing out from the English screen stays on it, in English.
    await english.locator('button[value=sign-out]').click();
    await english.waitForLoadState();
    expect(new URL(english.url()).pathname).toBe('/en/coordinacion/');
    expect(await english.locator('form.sign-in h2').textContent()).toBe('Sign in');
    await Promise.all([spanish.close(), english.close()]);
  });
});
