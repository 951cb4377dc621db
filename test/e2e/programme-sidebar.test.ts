import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { seriousViolations } from '../support/axe.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const curriculum = sourceCurriculum();
const [imagen, ahorro] = curriculum.programmes;
const session = sessionsOfManual(curriculum, 'cajas-de-ahorro').at(-1)!;
const site = siteInBrowser();

describe('the per-programme sidebar in Chromium', () => {
  test('marks the current session, opens its manual, and leads to another programme in one tap', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.server.url}/${session.slug}/`);
    const sidebar = page.locator('nav.sidebar');
    const current = sidebar.locator('a[aria-current="page"]');
    await expect.poll(() => current.count()).toBe(1);
    expect(await current.getAttribute('href')).toBe(`/${session.slug}/`);
    expect(await current.isVisible()).toBe(true);
    // Only the sidebar: the header's search button has a finding of its own, outside this change.
    expect(await seriousViolations(page, 'nav.sidebar')).toEqual([]);

    // Another programme is a single link; following it opens that programme's tree instead.
    const other = sidebar.getByRole('link', { name: imagen!.title, exact: true });
    expect(await other.getAttribute('href')).toBe(`/${imagen!.slug}/`);
    await other.click();
    await page.waitForURL(`${site.server.url}/${imagen!.slug}/`);
    expect(await page.locator('nav.sidebar a[aria-current="page"]').getAttribute('href')).toBe(`/${imagen!.slug}/`);
    expect(await page.locator(`nav.sidebar a[href="/${session.slug}/"]`).count()).toBe(0);
    expect(await page.locator(`nav.sidebar a[href="/${ahorro!.slug}/"]`).count()).toBe(1);
    expect(await seriousViolations(page, 'nav.sidebar')).toEqual([]);
    await page.close();
  });

  test('on a 360×640 phone the menu shows the same tree with the current session', async () => {
    const page = await site.browser.newPage({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
    await page.goto(`${site.server.url}/${session.slug}/`);
    await page.locator('button[popovertarget="starlight__sidebar"]').click();
    const current = page.locator('nav.sidebar a[aria-current="page"]');
    await expect.poll(() => current.isVisible()).toBe(true);
    expect(await page.locator('nav.sidebar').getByRole('link', { name: imagen!.title, exact: true }).isVisible()).toBe(
      true,
    );
    await page.close();
  });
});
