// The chrome's scripts run from the one page script (src/chrome/page-chrome.ts) instead of a file
// each: in real Chromium against the built server, the phone's menu, "En esta página" on a phone
// and on a wide screen, and the district picker still do what Starlight's own scripts did.
import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const site = siteInBrowser();
const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
const session = sessions.find((s) => s.touchesViolence) ?? sessions[0];
const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 };

describe('the chrome on a session page, with one page script', () => {
  test('the page loads exactly one script file, and it defines every chrome element the page uses', async () => {
    const page = await site.browser.newPage(phone);
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
    await page.goto(`${site.server.url}/${session?.slug}/`, { waitUntil: 'networkidle' });
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^\/_astro\/page\.[\w-]+\.js$/);
    const defined = await page.evaluate(() =>
      ['sl-sidebar-pane', 'mobile-starlight-toc', 'starlight-toc'].map((name) => Boolean(customElements.get(name))),
    );
    expect(defined).toEqual([true, true, true]);
    await page.close();
  });

  test('on a phone the menu opens as a popover and keeps the keyboard inside it until it closes', async () => {
    const page = await site.browser.newPage(phone);
    await page.goto(`${site.server.url}/${session?.slug}/`);
    const pane = page.locator('sl-sidebar-pane');
    await expect.poll(() => pane.getAttribute('popover')).toBe('auto');
    await page.locator('button[popovertarget="starlight__sidebar"]').click();
    await expect.poll(() => pane.evaluate((el) => el.matches(':popover-open'))).toBe(true);
    expect(await page.locator('.main-frame').getAttribute('inert')).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => pane.evaluate((el) => el.matches(':popover-open'))).toBe(false);
    expect(await page.locator('.main-frame').getAttribute('inert')).toBeNull();
    await page.close();
  });

  test('on a wide screen the sidebar is no popover', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.server.url}/${session?.slug}/`);
    await expect.poll(() => page.locator('sl-sidebar-pane').getAttribute('popover')).toBeNull();
    await page.close();
  });

  test('"En esta página" on a phone names the section she scrolled to and closes on a link or Escape', async () => {
    const page = await site.browser.newPage(phone);
    await page.goto(`${site.server.url}/${session?.slug}/`);
    const toc = page.locator('mobile-starlight-toc');
    const details = toc.locator('details');
    await page.evaluate(() => document.getElementById('paso-a-paso')?.scrollIntoView({ block: 'start' }));
    await expect.poll(() => toc.locator('.display-current').textContent()).toBe('Paso a paso');
    await toc.locator('summary').click();
    expect(await details.getAttribute('open')).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => details.getAttribute('open')).toBeNull();
    await toc.locator('summary').click();
    await details.locator('a[href="#preparar"]').click();
    await expect.poll(() => details.getAttribute('open')).toBeNull();
    await page.close();
  });

  test('on a wide screen the table of contents marks the section on screen', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.server.url}/${session?.slug}/`);
    await page.evaluate(() => document.getElementById('paso-a-paso')?.scrollIntoView({ block: 'start' }));
    const current = page.locator('starlight-toc a[aria-current="true"]');
    await expect.poll(() => current.getAttribute('href')).toBe('#paso-a-paso');
    await page.close();
  });
});
