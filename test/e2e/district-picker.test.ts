// "Mi distrito" on a 360×640 phone, in real Chromium against the real built server: the choice
// puts that district's services first in the safety box, survives a reload and other pages,
// never leaves the phone, and without JavaScript the page is the national list it always was.
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { localServicesFor } from '../../src/curriculum/localities.ts';
import { referralPath } from '../../src/curriculum/resolve.ts';
import { pdfFiles, printPages } from '../../src/print/urls.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const curriculum = sourceCurriculum();
const session = curriculum.sessions.find((s) => s.slug === 'imagen-peru/genero-y-violencia/rompemos-el-silencio')!;
const other = curriculum.sessions.find((s) => s.slug === 'imagen-peru/lideresas/ruta-de-atencion')!;
const localities = curriculum.referrals.localities ?? [];
const ayacucho = localities.find((l) => l.id === 'ayacucho-huamanga-ayacucho')!;
const huancavelica = localities.find((l) => l.id === 'huancavelica-huancavelica-huancavelica')!;
const site = siteInBrowser();
const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 };

let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A fresh phone (empty localStorage) that records CSP violations and every request after load. */
async function openPhone(options: { javaScriptEnabled?: boolean } = {}) {
  context = await site.browser.newContext({ ...phone, ...options });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI || 'inline'}`),
    );
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

const box = (page: Page) => page.locator('aside.safety');
/** Names of the services the safety box shows, top to bottom, local and national alike. */
const shownNames = (page: Page) =>
  box(page).evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('.safety-referrals li')]
      .filter((li) => li.checkVisibility())
      .map((li) => li.querySelector('strong')?.textContent?.trim() ?? ''),
  );
/** What the page keeps in localStorage, less Starlight's own light/dark theme. */
const ownStorage = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k !== 'starlight-theme')));
const nationalNames = (s: typeof session) => referralPath(curriculum, s).map((n) => n.name);
const localNames = (l: typeof ayacucho, s: typeof session) =>
  localServicesFor(l, referralPath(curriculum, s)).map((x) => x.name);

describe('a facilitator picks her district on her phone', () => {
  test('before any choice the safety box shows the national list, with the picker above it', async () => {
    const { page } = await openPhone();
    await page.goto(`${site.server.url}/${session.slug}/`);
    const picker = box(page).locator('[data-locality-picker]');
    await expect.poll(() => picker.isVisible()).toBe(true);
    expect(await picker.locator('select').inputValue()).toBe('');
    expect(await picker.locator('option').allTextContents()).toEqual([
      'Ninguno: solo servicios nacionales',
      'Abancay (Abancay)',
      'Ayacucho (Huamanga)',
      'Huancavelica (Huancavelica)',
    ]);
    expect(await shownNames(page)).toEqual(nationalNames(session));
    expect(await box(page).locator('[data-locality-sheet]').isVisible()).toBe(false);
  });

  test("picking a district shows its services first, keeps them after a reload, and another district's replace them", async () => {
    const { page, requests } = await openPhone();
    await page.goto(`${site.server.url}/${session.slug}/`, { waitUntil: 'networkidle' });
    const select = box(page).locator('[data-locality-select]');
    requests.length = 0;
    await select.selectOption(ayacucho.id);
    // The list fills once the services file has come (then from the phone's cache): each check polls.
    // Ayacucho's CEM, comisaría, hospital and DEMUNA in the session's order, then the national list.
    expect(localNames(ayacucho, session)).toHaveLength(4);
    await expect.poll(() => shownNames(page)).toEqual([...localNames(ayacucho, session), ...nationalNames(session)]);
    await expect
      .poll(() => box(page).locator('.locality-heading:visible').allTextContents())
      .toEqual(['En Ayacucho', 'En todo el país']);
    const sheet = box(page).locator('[data-locality-sheet]');
    expect(await sheet.isVisible()).toBe(true);
    expect(await sheet.getAttribute('href')).toBe(pdfFiles.district(ayacucho.id));
    // The choice stays on the phone: choosing asks only for the one file of every district's
    // services in the page's language (the same for every choice), without a cookie, and the
    // choice is in localStorage only.
    const file = await box(page).locator('[data-locality-picker]').getAttribute('data-services-href');
    expect(file).toMatch(/^\/servicios-locales\/es\.[0-9a-f]{10}\.json$/);
    expect(requests).toEqual([`${site.server.url}${file}`]);
    expect(requests.join(' ')).not.toContain('ayacucho');
    expect(await ownStorage(page)).toEqual({ 'tejido.locality': ayacucho.id });
    expect(await context!.cookies()).toEqual([]);
    // The whole page still fits the phone's width with the picker and the longer list.
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);

    await page.reload();
    await expect.poll(() => select.inputValue()).toBe(ayacucho.id);
    await expect.poll(() => shownNames(page)).toEqual([...localNames(ayacucho, session), ...nationalNames(session)]);

    await select.selectOption(huancavelica.id);
    await expect
      .poll(() => shownNames(page))
      .toEqual([...localNames(huancavelica, session), ...nationalNames(session)]);
    for (const name of localNames(ayacucho, session)) expect(await shownNames(page)).not.toContain(name);

    // Another session's page follows the same choice, with that session's kinds of service.
    await page.goto(`${site.server.url}/${other.slug}/`);
    await expect.poll(() => select.inputValue()).toBe(huancavelica.id);
    await expect.poll(() => shownNames(page)).toEqual([...localNames(huancavelica, other), ...nationalNames(other)]);

    // "Ninguno" forgets the choice.
    await select.selectOption('');
    await expect.poll(() => shownNames(page)).toEqual(nationalNames(other));
    expect(await ownStorage(page)).toEqual({});
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });

  test("the session card's HTML shows her district first too", async () => {
    const { page } = await openPhone();
    await page.goto(`${site.server.url}/${session.slug}/`);
    await box(page).locator('[data-locality-select]').selectOption(ayacucho.id);
    await page.goto(`${site.server.url}${printPages.card(session.id)}`);
    await expect.poll(() => shownNames(page)).toEqual([...localNames(ayacucho, session), ...nationalNames(session)]);
    // The picker is for the screen: it does not print.
    await page.emulateMedia({ media: 'print' });
    expect(await box(page).locator('[data-locality-picker]').isVisible()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });

  test('a stored id the build does not know, or markup in its place, counts as no choice', async () => {
    const { page } = await openPhone();
    await page.goto(`${site.server.url}/${session.slug}/`);
    for (const planted of ['lima-lima-lima', '"><img src=x onerror=alert(1)>', ayacucho.id.toUpperCase()]) {
      await page.evaluate((value) => localStorage.setItem('tejido.locality', value), planted);
      await page.reload();
      await expect.poll(() => box(page).locator('[data-locality-picker]').isVisible()).toBe(true);
      expect(await box(page).locator('[data-locality-select]').inputValue()).toBe('');
      expect(await shownNames(page)).toEqual(nationalNames(session));
    }
    expect(await page.locator('img[src=x]').count()).toBe(0);
  });

  test('without JavaScript the national list shows, and no picker that could not work', async () => {
    const { page } = await openPhone({ javaScriptEnabled: false });
    await page.goto(`${site.server.url}/${session.slug}/`);
    await expect.poll(() => box(page).isVisible()).toBe(true);
    expect(await box(page).locator('[data-locality-picker]').isVisible()).toBe(false);
    expect(await shownNames(page)).toEqual(nationalNames(session));
    // No district's services are in the page: the script loads them once she has chosen.
    expect(await box(page).locator('[data-locality-services]').innerHTML()).toBe('');
  });
});

test('the services file is data, never markup: names are text, a phone becomes a tel: link, details follow', async () => {
  const { page } = await openPhone();
  const planted = {
    phone: 'Teléfono',
    localities: {
      [ayacucho.id]: {
        heading: 'En <b>Ayacucho</b>',
        services: [
          {
            kind: 'cem',
            name: '<img src=x onerror=alert(1)>',
            place: 'Jr. <i>Falso</i> 000',
            phone: '+51 066 000 000',
            details: 'Lunes a viernes · Viaje: 1 hora',
          },
        ],
      },
    },
  };
  await page.route('**/servicios-locales/*.json', (route) => route.fulfill({ json: planted }));
  await page.goto(`${site.server.url}/${session.slug}/`);
  await box(page).locator('[data-locality-select]').selectOption(ayacucho.id);
  const local = box(page).locator('[data-locality-services]');
  await expect.poll(() => local.isVisible()).toBe(true);
  expect(await local.locator('.locality-heading').textContent()).toBe('En <b>Ayacucho</b>');
  expect(await local.locator('li').count()).toBe(1);
  expect(await local.locator('li').textContent()).toBe(
    '<img src=x onerror=alert(1)>: Jr. <i>Falso</i> 000 Teléfono: +51 066 000 000Lunes a viernes · Viaje: 1 hora',
  );
  expect(await local.locator('li a').getAttribute('href')).toBe('tel:+51066000000');
  expect(await page.locator('img[src=x], [data-locality-services] b, [data-locality-services] i').count()).toBe(0);
});

test('with the programme saved for use without signal, a session page never opened shows her district offline', async () => {
  const { page } = await openPhone();
  const programme = curriculum.programmes.find((p) => p.id === session.programme)!;
  await page.goto(`${site.server.url}/${programme.slug}/`);
  await page.locator('[data-offline-save] [data-save]').click();
  await page.waitForSelector('[data-offline-save][data-state="saved"]', { timeout: 120_000 });
  await page.evaluate((id) => localStorage.setItem('tejido.locality', id), ayacucho.id);
  await context!.setOffline(true);
  await page.goto(`${site.server.url}/${other.slug}/`);
  await expect.poll(() => box(page).locator('[data-locality-select]').inputValue()).toBe(ayacucho.id);
  await expect.poll(() => shownNames(page)).toEqual([...localNames(ayacucho, other), ...nationalNames(other)]);
});

test('the "A dónde pedir ayuda" page of a manual shows her district first, above the national services', async () => {
  const { page } = await openPhone();
  await page.goto(`${site.server.url}${printPages.handout(session.manual)}`);
  const select = page.locator('[data-locality-select]');
  await expect.poll(() => select.isVisible()).toBe(true);
  await select.selectOption(ayacucho.id);
  // The local list fills once the services file has come.
  await expect.poll(() => page.locator('[data-locality-services]').isVisible()).toBe(true);
  const text = (await page.locator('article.help').innerText()).replace(/\s+/g, ' ');
  const national = text.indexOf('En todo el país');
  expect(national).toBeGreaterThan(-1);
  const names = ayacucho.services.map((s) => s.name).filter((name) => text.includes(name));
  // The manual's sessions refer to the CEM, the comisaría, health and the DEMUNA: all four are local here.
  expect(names).toHaveLength(4);
  for (const name of names) expect(text.indexOf(name), name).toBeLessThan(national);
  expect(text.indexOf('Línea 100', national)).toBeGreaterThan(national);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
