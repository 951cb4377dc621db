import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from '../support/api-world.ts';
import { seriousViolations } from '../support/axe.ts';

/** A phone-sized browser context signed in to the office as a seeded user (seedWorld's e-mails, or the admin). */
export async function officeAs(
  browser: Browser,
  baseUrl: string,
  user: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'es-PE' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/oficina/`);
  await page
    .locator('form.sign-in input[name=email]')
    .fill(user === 'admin' ? 'admin@tejido.test' : `${user.toLowerCase()}@tejido.test`);
  await page.locator('form.sign-in input[name=password]').fill(PASSWORD);
  await page.locator('form.sign-in button[type=submit]').click();
  await page.waitForLoadState();
  await expect.poll(() => page.locator('.office-account').count()).toBe(1);
  return { context, page };
}

/** What every office page must hold to at 360 px: no serious accessibility fault, no sideways scroll of the page itself. */
export async function fitsAPhone(page: Page) {
  expect(await seriousViolations(page), page.url()).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(360);
}

/** The cells of one row of an office figures table, by data-figure, as their raw values. */
export async function figuresOf(page: Page, row: string): Promise<Record<string, string>> {
  return page
    .locator(row)
    .evaluate((tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll('td[data-figure]')].map((td) => [
          td.getAttribute('data-figure'),
          td.getAttribute('data-value'),
        ]),
      ),
    );
}
