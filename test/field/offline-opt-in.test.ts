import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import type { CopyIndex, ProgrammeCopy } from '../../src/field-app/offline/manifest.ts';
import { printPages } from '../../src/print/urls.ts';
import { clientDir, sourceCurriculum } from '../support/built-site.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const site = siteInBrowser();
const curriculum = sourceCurriculum();
const [first, second, third] = sessionsOfManual(curriculum, 'genero-y-violencia');
const programme = curriculum.programmes.find((p) => p.id === first?.programme);
const other = curriculum.programmes.find((p) => p.id !== first?.programme);
const manifest = (id: string): ProgrammeCopy =>
  JSON.parse(readFileSync(join(clientDir, 'offline', `${id}.json`), 'utf8'));

/** A phone, with every request it makes (the page's and the service worker's). */
async function phone(): Promise<{ context: BrowserContext; page: Page; requests: Request[] }> {
  const context = await site.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'es-PE' });
  const requests: Request[] = [];
  context.on('request', (r) => void requests.push(r));
  return { context, page: await context.newPage(), requests };
}

const path = (r: Request) => new URL(r.url()).pathname;
const opens = async (page: Page, url: string) => {
  const response = await page.goto(url).catch(() => undefined);
  return {
    status: response?.status(),
    title: await page
      .locator('h1')
      .first()
      .textContent()
      .catch(() => null),
  };
};

async function saveProgramme(page: Page) {
  const control = page.locator('[data-offline-save]');
  await expect.poll(() => control.isVisible()).toBe(true);
  await page.locator('[data-offline-save] [data-save]').click();
  await expect.poll(() => control.getAttribute('data-state'), { timeout: 60_000 }).toBe('saved');
}

describe('the offline copy in the build', () => {
  test('has a manifest per programme with each file once, its revision and its brotli size, summed', () => {
    const index: CopyIndex = JSON.parse(readFileSync(join(clientDir, 'offline', 'index.json'), 'utf8'));
    expect(index.programmes.map((p) => p.id)).toEqual(curriculum.programmes.map((p) => p.id));
    for (const entry of index.programmes) {
      const copy = manifest(entry.id);
      expect(copy.version).toBe(index.version);
      expect(new Set(copy.files.map((f) => f.url)).size).toBe(copy.files.length);
      expect(copy.bytes).toBe(copy.files.reduce((n, f) => n + f.bytes, 0));
      expect(entry.bytes).toBe(copy.bytes);
      for (const file of copy.files.filter((f) => f.url.endsWith('/'))) {
        const br = join(clientDir, file.url.slice(1), 'index.html.br');
        expect(file.bytes, file.url).toBe(readFileSync(br).length);
      }
    }
  });

  test('holds every session page of its programme, its cards and handouts, the CSS and JS they load, and nothing of another programme', () => {
    if (!programme || !other) throw new Error('two programmes needed');
    const urls = manifest(programme.id).files.map((f) => f.url);
    for (const s of curriculum.sessions.filter((x) => x.programme === programme.id)) {
      expect(urls).toContain(`/${s.slug}/`);
      expect(urls).toContain(printPages.card(s.id));
    }
    for (const s of curriculum.sessions.filter((x) => x.programme === other.id))
      expect(urls).not.toContain(`/${s.slug}/`);
    const page = readFileSync(join(clientDir, first?.slug ?? '', 'index.html'), 'utf8');
    for (const [, asset] of page.matchAll(/<(?:script[^>]*src|link rel="stylesheet" href)="(\/_astro\/[^"]+)"/g))
      expect(urls).toContain(asset);
    expect(urls.filter((u) => u.startsWith('/api/') || u.startsWith('/en/') || u.startsWith('/pagefind/'))).toEqual([]);
  });
});

describe('a facilitator and the offline copy in Chromium', () => {
  test('a first visit to a session page registers no service worker and downloads no other page', async () => {
    if (!first) throw new Error('no session');
    const { context, page, requests } = await phone();
    await page.goto(`${site.server.url}/${first.slug}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(3000);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    const pages = requests.filter((r) => r.resourceType() === 'document' || path(r).endsWith('/'));
    expect(pages.map(path)).toEqual([`/${first.slug}/`]);
    expect(requests.filter((r) => r.serviceWorker() || path(r).startsWith('/print/') || path(r) === '/sw.js')).toEqual(
      [],
    );
    // The control is at the end of the page: its size is not even asked for until she scrolls there.
    expect(requests.filter((r) => path(r).startsWith('/offline/'))).toEqual([]);
    await page.locator('[data-offline-save]').scrollIntoViewIfNeeded();
    // Then it shows what saving would cost, from the build's manifest.
    await expect
      .poll(() => page.locator('[data-offline-save] [data-status]').textContent())
      .toMatch(/^Se descargan \d+,\d MB una sola vez\.$|^Se descargan \d+ KB una sola vez\.$/);
    expect(await page.locator('[data-offline-save]').getAttribute('data-state')).toBe('none');
    expect(requests.filter((r) => path(r).startsWith('/offline/')).map(path)).toEqual(['/offline/index.json']);
    await context.close();
  });

  test('after saving one programme: a never-visited session, its card, the attendance screen open offline; other pages show the offline page', async () => {
    if (!first || !second || !third || !programme || !other) throw new Error('sessions needed');
    const { context, page, requests } = await phone();
    await page.goto(`${site.server.url}/${first.slug}/`);
    await saveProgramme(page);
    expect(await page.locator('[data-offline-save] [data-status]').textContent()).toMatch(
      /^Guardado en el teléfono \(.+\)\. Se abre sin señal\.$/,
    );
    // The download is the programme's files and nothing else (the worker's own core aside).
    const copy = manifest(programme.id);
    const fetched = new Set(requests.filter((r) => r.serviceWorker()).map(path));
    for (const s of curriculum.sessions.filter((x) => x.programme === programme.id))
      expect(fetched.has(`/${s.slug}/`), s.slug).toBe(true);
    for (const s of curriculum.sessions.filter((x) => x.programme === other.id))
      expect(fetched.has(`/${s.slug}/`), s.slug).toBe(false);
    // No English page but the worker's own core: the attendance screen exists in both languages.
    expect([...fetched].filter((u) => u.startsWith('/pagefind/') || u.startsWith('/en/'))).toEqual(
      fetched.has('/en/asistencia/') ? ['/en/asistencia/'] : [],
    );
    expect(copy.files.length).toBeLessThan(fetched.size + 1);

    await context.setOffline(true);
    const session = await opens(page, `${site.server.url}/${third.slug}/`);
    expect(session).toEqual({ status: 200, title: third.title });
    await expect.poll(() => page.locator('section.prepare').isVisible()).toBe(true);
    // The card link on the page: the PDF is not in the copy, its printable page answers for it.
    const cardHref = await page.locator('.print-links a.print-link').first().getAttribute('href');
    expect(cardHref).toBe(`/pdf/cards/${third.id}.pdf`);
    await page.locator('.print-links a.print-link').first().click();
    await expect.poll(() => page.locator('body').textContent()).toContain(third.title);
    expect(new URL(page.url()).pathname).toBe(cardHref);
    const attendance = await opens(page, `${site.server.url}/asistencia/`);
    expect(attendance.status).toBe(200);
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);

    const elsewhere = curriculum.sessions.find((s) => s.programme === other.id);
    for (const url of [`/${elsewhere?.slug}/`, '/no-existe-esta-pagina/']) {
      await opens(page, `${site.server.url}${url}`);
      expect(await page.locator('h1').first().textContent(), url).toBe('Sin señal');
      expect(await page.locator('main').textContent()).toContain(
        'Sin señal: esta página no está guardada en el teléfono.',
      );
      await expect
        .poll(() =>
          page
            .locator('[data-saved-list] a')
            .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])),
        )
        .toEqual([[programme.title, `/${programme.slug}/`]]);
    }
    // Offline, the control says what is saved, on a session page of the copy and on another programme's page.
    await page.goto(`${site.server.url}/${second.slug}/`);
    await expect.poll(() => page.locator('[data-offline-save]').getAttribute('data-state')).toBe('saved');
    await context.close();
  });

  test('the saved state survives a reload; "Quitar" deletes the copy and the page no longer opens offline', async () => {
    if (!first || !second) throw new Error('sessions needed');
    const { context, page } = await phone();
    await page.goto(`${site.server.url}/${first.slug}/`);
    await saveProgramme(page);
    await page.reload();
    await expect.poll(() => page.locator('[data-offline-save]').getAttribute('data-state')).toBe('saved');
    await page.locator('[data-offline-save] [data-remove]').click();
    await expect
      .poll(() => page.locator('[data-offline-save] [data-status]').textContent())
      .toBe('Se quitó del teléfono.');
    expect(await page.locator('[data-offline-save]').getAttribute('data-state')).toBe('none');
    expect(
      await page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('tejido:programa:'))),
    ).toEqual([]);

    await context.setOffline(true);
    await opens(page, `${site.server.url}/${second.slug}/`);
    expect(await page.locator('h1').first().textContent()).toBe('Sin señal');
    expect(await page.locator('[data-nothing-saved]').isVisible()).toBe(true);
    await context.close();
  });

  test('the progress bar moves while the copy downloads, and the worker asks for brotli and gets it', async () => {
    if (!first || !programme) throw new Error('no session');
    const { context, page, requests } = await phone();
    await page.goto(`${site.server.url}/${first.slug}/`);
    await expect.poll(() => page.locator('[data-offline-save]').isVisible()).toBe(true);
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      const bar = document.querySelector('[data-offline-save] progress') as HTMLProgressElement;
      new MutationObserver(() => seen.push(bar.value / bar.max)).observe(bar, { attributes: true });
    });
    await page.locator('[data-offline-save] [data-save]').click();
    await expect
      .poll(() => page.locator('[data-offline-save]').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('saved');
    const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    expect(seen.filter((v) => v > 0 && v < 1).length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(1);
    const landing = requests.find((r) => r.serviceWorker() && path(r) === `/${programme.slug}/`);
    if (!landing) throw new Error('the worker did not fetch the landing page');
    expect((await landing.allHeaders())['accept-encoding']).toMatch(/\bbr\b/);
    expect(await (await landing.response())?.headerValue('content-encoding')).toBe('br');
    await context.close();
  });

  test('a download cut short says so and stays unfinished; tapped again with signal it fetches only what is missing', async () => {
    if (!first || !third) throw new Error('sessions needed');
    const { context, page, requests } = await phone();
    // The line drops while the worker fetches one page of the copy.
    const lost = `/${third.slug}/`;
    await context.route(`**${lost}`, (route) =>
      route.request().serviceWorker() ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto(`${site.server.url}/${first.slug}/`);
    const control = page.locator('[data-offline-save]');
    await expect.poll(() => control.isVisible()).toBe(true);
    await control.locator('[data-save]').click();
    await expect
      .poll(() => control.locator('[data-status]').textContent(), { timeout: 60_000 })
      .toBe('No se pudo guardar todo. Vuelve a intentar cuando tengas señal.');
    await page.reload();
    await expect.poll(() => control.getAttribute('data-state')).toBe('partial');
    const firstTry = new Set(requests.filter((r) => r.serviceWorker() && r.failure() === null).map(path));

    await context.unroute(`**${lost}`);
    requests.length = 0;
    await control.locator('[data-save]').click();
    await expect.poll(() => control.getAttribute('data-state'), { timeout: 60_000 }).toBe('saved');
    const secondTry = requests.filter((r) => r.serviceWorker()).map(path);
    expect(secondTry).toContain(lost);
    // Nothing already on the phone came down again (the manifest, re-read to start, aside).
    expect(secondTry.filter((u) => firstTry.has(u) && !u.startsWith('/offline/'))).toEqual([]);
    await context.setOffline(true);
    expect((await opens(page, `${site.server.url}${lost}`)).title).toBe(third.title);
    await context.close();
  });
});
