import { describe, expect, test } from 'vitest';
import { siteInBrowser } from '../support/site-in-browser.ts';
import type { Browser, Page } from 'playwright-core';
import type { Session } from '../../src/curriculum/resolve.ts';
import { labelsIn } from '../../src/curriculum/schemas/vocabulary.ts';
import { sourceCurriculum, sourceVocabulary } from '../support/built-site.ts';

// Expected values come from the content's metadata, written out here: the search page must agree
// with the curriculum, whatever src/search/ computes.
const curriculum = sourceCurriculum();
// Source-language labels of the closed lists, as content/vocabulary.yaml writes them.
const audiences = labelsIn(sourceVocabulary(), 'audiences', 'es');
const topics = labelsIn(sourceVocabulary(), 'topics', 'es');
const sessionAt = new Map(curriculum.sessions.map((s) => [`/${s.slug}/`, s]));
const bands = [
  { label: '≤ 60 min', holds: (m: number) => m <= 60 },
  { label: '61–120 min', holds: (m: number) => m > 60 && m <= 120 },
  { label: '> 120 min', holds: (m: number) => m > 120 },
];
const leaders = curriculum.sessions.filter((s) => s.audience.includes('lideresas'));

const site = siteInBrowser();

async function openSearch(query = ''): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
  await page.goto(`${site.server.url}/buscar/${query}`);
  await settled(page);
  return page;
}

/** Waits until the page has answered the last thing asked of it. */
async function settled(page: Page) {
  await page.waitForSelector('tejido-search[data-state="ready"]');
}

async function check(page: Page, facet: string, value: string) {
  const details = page.locator('details.search-facets');
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open)))
    await details.locator('summary').first().click();
  const group = page.locator(`details.search-facet[data-facet="${facet}"]`);
  if (!(await group.evaluate((el) => (el as HTMLDetailsElement).open))) await group.locator('summary').click();
  await page.locator(`input[name="${facet}"][value="${value}"]`).check();
  await settled(page);
}

/** The count the page shows next to a facet value, e.g. "Lideresas (24)" → 24. */
async function countShown(page: Page, facet: string, value: string): Promise<number> {
  const text = await page.locator(`label:has(input[name="${facet}"][value="${value}"]) [data-count]`).textContent();
  return Number(/\((\d+)\)/.exec(text ?? '')?.[1]);
}

/** Every result, after pressing "show more" until there is no more; with the session each one points at. */
async function allResults(page: Page): Promise<{ session: Session; facts: string }[]> {
  const more = page.locator('[data-more]');
  while (await more.isVisible()) {
    await more.click();
    await settled(page);
  }
  const items = await page.locator('[data-results] li').evaluateAll((lis) =>
    lis.map((li) => ({
      path: new URL(li.querySelector('a')!.href).pathname,
      facts: li.querySelector('.search-result-facts')?.textContent ?? '',
    })),
  );
  return items.map(({ path, facts }) => {
    const session = sessionAt.get(path);
    if (!session) throw new Error(`result ${path} is not a session page`);
    return { session, facts };
  });
}

async function statusCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-status]').textContent()) ?? '';
  return /^Ninguna/.test(text) ? 0 : Number(/(\d+)/.exec(text)?.[1]);
}

describe('the search page (/buscar/) in Chromium on a 360×640 phone', () => {
  test('before any search it lists every session, and each facet value counts the sessions that have it', async () => {
    const page = await openSearch();
    expect(await statusCount(page)).toBe(curriculum.sessions.length);
    expect(await allResults(page)).toHaveLength(curriculum.sessions.length);
    for (const [key, label] of Object.entries(audiences)) {
      const expected = curriculum.sessions.filter((s) => s.audience.includes(key)).length;
      if (expected) expect(await countShown(page, 'audience', label), label).toBe(expected);
    }
    for (const [key, label] of Object.entries(topics)) {
      const expected = curriculum.sessions.filter((s) => s.topics.includes(key)).length;
      if (expected) expect(await countShown(page, 'topic', label), label).toBe(expected);
    }
    for (const band of bands)
      expect(await countShown(page, 'length', band.label), band.label).toBe(
        curriculum.sessions.filter((s) => band.holds(s.durationMinutes)).length,
      );
    for (const manual of curriculum.manuals)
      expect(await countShown(page, 'manual', manual.title), manual.id).toBe(
        curriculum.sessions.filter((s) => s.manual === manual.id).length,
      );
    for (const programme of curriculum.programmes)
      expect(await countShown(page, 'programme', programme.title), programme.id).toBe(
        curriculum.sessions.filter((s) => s.programme === programme.id).length,
      );
    await page.close();
  });

  test('filtered to audience "lideresas", it returns exactly the leaders’ sessions (Pagefind’s counts included)', async () => {
    const page = await openSearch();
    await check(page, 'audience', audiences.lideresas!);
    const results = await allResults(page);
    expect(results.map((r) => r.session.id).sort()).toEqual(leaders.map((s) => s.id).sort());
    expect(await statusCount(page)).toBe(leaders.length);
    // Other facets now count within the leaders' sessions.
    for (const band of bands)
      expect(await countShown(page, 'length', band.label)).toBe(
        leaders.filter((s) => band.holds(s.durationMinutes)).length,
      );
    // A facet's own values stay alternatives: the count of another audience is what adding it would give.
    expect(await countShown(page, 'audience', audiences.lideresas!)).toBe(leaders.length);
    await page.close();
  });

  test('a query filtered to audience "lideresas" returns only leaders’ sessions, each showing its minutes and audience', async () => {
    const page = await openSearch('?q=violencia');
    const unfiltered = await statusCount(page);
    await check(page, 'audience', audiences.lideresas!);
    const results = await allResults(page);
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThan(unfiltered);
    expect(results.length).toBe(await statusCount(page));
    for (const { session, facts } of results) {
      expect(session.audience, session.id).toContain('lideresas');
      expect(facts).toBe(`${session.durationMinutes} min · ${session.audience.map((a) => audiences[a]!).join(', ')}`);
    }
    expect(new URL(page.url()).searchParams.getAll('audience')).toEqual([audiences.lideresas!]);
    await page.close();
  });

  test.each(bands.map((b) => [b.label, b] as const))(
    'the length filter "%s" returns exactly the sessions within the band',
    async (_label, band) => {
      const page = await openSearch();
      await check(page, 'length', band.label);
      const results = await allResults(page);
      const expected = curriculum.sessions.filter((s) => band.holds(s.durationMinutes));
      for (const { session } of results)
        expect(band.holds(session.durationMinutes), `${session.id}: ${session.durationMinutes} min`).toBe(true);
      expect(results.map((r) => r.session.id).sort()).toEqual(expected.map((s) => s.id).sort());
      await page.close();
    },
  );

  test('two length bands are alternatives, and "Quitar filtros" brings every session back', async () => {
    const page = await openSearch();
    await check(page, 'length', bands[0]!.label);
    await check(page, 'length', bands[2]!.label);
    const expected = curriculum.sessions.filter(
      (s) => bands[0]!.holds(s.durationMinutes) || bands[2]!.holds(s.durationMinutes),
    );
    expect(await statusCount(page)).toBe(expected.length);
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await settled(page);
    expect(await statusCount(page)).toBe(curriculum.sessions.length);
    await page.close();
  });

  test('works with the keyboard alone: type, open the filters, tick one, reach a result', async () => {
    const page = await openSearch();
    for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement?.id === 'buscar-texto')); i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('buscar-texto');
    await page.keyboard.type('violencia');
    await page.keyboard.press('Enter');
    await settled(page);
    const withWords = await statusCount(page);
    expect(withWords).toBeGreaterThan(0);

    await page.keyboard.press('Tab'); // the "Filtros" summary
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab'); // the first facet's summary
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab'); // its first checkbox
    const first = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    await page.keyboard.press('Space');
    await settled(page);
    expect(await page.locator(`input[value="${first}"]`).isChecked()).toBe(true);
    expect(await statusCount(page)).toBeLessThanOrEqual(withWords);

    const firstResult = await page.locator('[data-results] li a').first().getAttribute('href');
    await page.locator('[data-results] li a').first().focus();
    await Promise.all([page.waitForURL((url) => url.pathname === firstResult), page.keyboard.press('Enter')]);
    await page.close();
  });

  test('never scrolls sideways, with every filter open', async () => {
    const page = await openSearch('?q=violencia');
    await page.locator('details.search-facets > summary').click();
    for (const summary of await page.locator('details.search-facet > summary').all()) await summary.click();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
    await page.close();
  });

  test('downloads nothing from Pagefind until the visitor searches', async () => {
    const page = await site.browser.newPage({ viewport: { width: 360, height: 640 } });
    const pagefind: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/pagefind/')) pagefind.push(request.url());
    });
    await page.goto(`${site.server.url}/buscar/`, { waitUntil: 'networkidle' });
    expect(pagefind).toEqual([]);
    await check(page, 'audience', audiences.lideresas!);
    expect(pagefind.length).toBeGreaterThan(0);
    await page.close();
  });
});

describe('what she types', () => {
  test('a word the curriculum does not have finds nothing (Pagefind alone would match the letter X)', async () => {
    const page = await openSearch('?q=xyzzy');
    expect(await statusCount(page)).toBe(0);
    expect(await page.locator('[data-results] li').count()).toBe(0);
    expect(await page.locator('[data-suggestion]').isHidden()).toBe(true);
    await page.close();
  });

  test('a typo finds no unrelated sessions and offers the word she meant; taking it runs that search', async () => {
    const page = await openSearch('?q=violensia');
    expect(await statusCount(page)).toBe(0);
    const suggestion = page.locator('[data-suggestion]');
    await expect.poll(() => suggestion.textContent()).toBe('¿Quisiste decir violencia?');
    const direct = await openSearch('?q=violencia');
    const expected = await statusCount(direct);
    await direct.close();
    expect(expected).toBeGreaterThan(10);
    await suggestion.locator('a').click();
    await settled(page);
    expect(await page.locator('#buscar-texto').inputValue()).toBe('violencia');
    expect(await statusCount(page)).toBe(expected);
    await page.close();
  });

  test('a single letter asks for a longer word instead of matching every X', async () => {
    const page = await openSearch('?q=x');
    expect(await page.locator('[data-status]').textContent()).toBe('Escribe una palabra de al menos 2 letras.');
    expect(await page.locator('[data-results] li').count()).toBe(0);
    await page.close();
  });

  test('a word said another way still finds its sessions (stemming is kept: "ahorrando")', async () => {
    const page = await openSearch('?q=ahorrando');
    const results = await allResults(page);
    expect(results.length).toBe(await statusCount(page));
    const same = await openSearch('?q=ahorrar');
    expect(results.map((r) => r.session.id).sort()).toEqual((await allResults(same)).map((r) => r.session.id).sort());
    await same.close();
    expect(results.length).toBeGreaterThan(5);
    await page.close();
  });
});

describe('the header’s search', () => {
  test('sends the words to /buscar/, so a query shows one count wherever it is asked', async () => {
    const session = leaders[0]!;
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.server.url}/${session.slug}/`);
    await page.locator('.header-search input[name="q"]').fill('violencia');
    await Promise.all([page.waitForURL(/\/buscar\/\?q=violencia$/), page.keyboard.press('Enter')]);
    await settled(page);
    const fromHeader = await statusCount(page);
    const direct = await openSearch('?q=violencia');
    expect(fromHeader).toBe(await statusCount(direct));
    await direct.close();
    // The dialog and its Pagefind UI are gone from every page.
    expect(await page.locator('#starlight__search, site-search').count()).toBe(0);
    await page.close();
  });

  test('on a phone it is the magnifier alone, and tapping it opens /buscar/ ready to type', async () => {
    const page = await site.browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.goto(`${site.server.url}/${leaders[0]!.slug}/`);
    expect(await page.locator('.header-search input[name="q"]').isVisible()).toBe(false);
    await Promise.all([page.waitForURL(/\/buscar\/\?q=$/), page.locator('.header-search button').click()]);
    await settled(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('buscar-texto');
    await page.close();
  });
});
