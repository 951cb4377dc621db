import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { siteInBrowser } from '../support/site-in-browser.ts';

const site = siteInBrowser();

/** A page that records every Content-Security-Policy violation, from its first script on. */
async function watched(path: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await site.browser.newPage({ viewport: { width: 360, height: 640 } });
  const console: string[] = [];
  page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && console.push(m.text())));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const response = await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  return {
    page,
    violations: async () => [
      ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
      ...console,
    ],
  };
}

describe('the Content-Security-Policy in Chromium blocks nothing the site itself does', () => {
  test.each([
    ['the home page', '/'],
    ['a session page', '/imagen-peru/genero-y-violencia/espacio-de-confianza/'],
    ['a session card for print', '/print/cards/af-acompanamiento/'],
    ['the attendance app', '/asistencia/'],
    ['the coordinator page, rendered on the server', '/coordinacion/'],
    ['the English coordinator page, rendered on the server', '/en/coordinacion/'],
    ['the page that does not exist', '/no-existe/'],
    ['the offline page', '/sin-senal/'],
  ])('%s (%s)', async (_, path) => {
    const { page, violations } = await watched(path);
    // The one inline script ran (src/chrome/ThemeProvider.astro): the theme is set from the phone's setting.
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? 'none')).toBe(
      path.startsWith('/print/') ? 'none' : 'light',
    );
    expect(await violations()).toEqual([]);
    await page.close();
  });

  test('a search runs Pagefind (WebAssembly) and shows results', async () => {
    const all = await watched('/buscar/');
    const every = await all.page.locator('[data-results] li').count();
    await all.page.close();
    const { page, violations } = await watched('/buscar/?q=violencia');
    await page.waitForSelector('tejido-search[data-state="ready"]');
    expect(await page.locator('#buscar-texto').inputValue()).toBe('violencia');
    // Pagefind answered: fewer sessions than the unfiltered list, but some.
    const found = await page.locator('[data-results] li').count();
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(every);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  test('the service worker installs and takes the page offline-ready', async () => {
    const { page, violations } = await watched('/asistencia/');
    await expect
      .poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.active)))
      .toBe(true);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  test('saving a programme for use without signal runs its worker and control within the policy', async () => {
    const { page, violations } = await watched('/imagen-peru/genero-y-violencia/espacio-de-confianza/');
    await page.locator('[data-offline-save] [data-save]').click();
    await expect
      .poll(() => page.locator('[data-offline-save]').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('saved');
    expect(await violations()).toEqual([]);
    await page.close();
  });

  test('an injected inline script is blocked: the policy is enforced, not only sent', async () => {
    const { page, violations } = await watched('/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    expect((await violations()).some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
    await page.close();
  });
});
