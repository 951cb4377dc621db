// The attendance screen on a 360×640 phone (issue 15): once signed in, the first members are on
// the first screen, above the sticky save bar, which stays one slim row.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { seedWorld, startApi, type World } from '../support/api-world.ts';
import { addMembers, roster, screenshotPath, signInOnScreen } from './field-world.ts';

const SCREEN = { width: 360, height: 640 };
let api: Awaited<ReturnType<typeof startApi>>;
let world: World;
let browser: Browser;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('sqlite', 'field_first_screen'), launchChromium()]);
  world = await seedWorld(api.server.url, api.admin);
  await addMembers(world.users.facA.client, world.banks.a1, roster(30, 'F'));
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

test('the first member row is whole on the first screen, above a save bar of at most 12% of it', async () => {
  const context = await browser.newContext({ viewport: SCREEN, deviceScaleFactor: 2, locale: 'es-PE' });
  const page = await context.newPage();
  await signInOnScreen(page, api.server.url, 'facA');
  await page.evaluate(() => window.scrollTo(0, 0));
  const first = (await page.locator('#roster button.member').first().boundingBox())!;
  const bar = (await page.locator('.save-bar').boundingBox())!;
  await page.screenshot({ path: screenshotPath('attendance-360x640.png') });
  // The bar is sticky at the bottom of the screen: the row must end above where the bar begins.
  expect(bar.y + bar.height).toBeLessThanOrEqual(SCREEN.height + 1);
  expect(bar.height).toBeLessThanOrEqual(SCREEN.height * 0.12);
  expect(first.y).toBeGreaterThan(0);
  expect(first.y + first.height).toBeLessThanOrEqual(bar.y);
  // The bar still holds the count and the button, side by side.
  await page.locator('#roster button.member').first().click();
  await expect.poll(() => page.locator('#present-count').innerText()).toBe('1 de 30 presentes');
  const count = (await page.locator('#present-count').boundingBox())!;
  const save = (await page.locator('#save').boundingBox())!;
  expect(Math.abs(count.y + count.height / 2 - (save.y + save.height / 2))).toBeLessThan(4);
  expect(save.height).toBeGreaterThanOrEqual(48);
  // Its words are whole: nothing cut at the edge of the screen.
  expect(save.x + save.width).toBeLessThanOrEqual(SCREEN.width);
  expect(await page.locator('#save').evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
  expect(await page.locator('#present-count').evaluate((c) => c.scrollWidth <= c.clientWidth)).toBe(true);
  await context.close();
});
