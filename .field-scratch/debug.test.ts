import { test } from 'vitest';
import { launchChromium } from '../test/support/browser.ts';
import { seedWorld, startApi } from '../test/support/api-world.ts';
import { addMembers, roster, signInOnScreen } from '../test/field/field-world.ts';

test('debug', async () => {
  const api = await startApi('sqlite', 'dbg');
  const browser = await launchChromium();
  const world = await seedWorld(api.server.url, api.admin);
  await addMembers(world.users.facA.client, world.banks.a1, roster(12, 'A'));
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${api.server.url}/asistencia/`);
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.screenshot({ path: '.field-scratch/signin.png' });
  await signInOnScreen(page, api.server.url, 'facA');
  await page.selectOption('#session', { index: 1 });
  for (let i = 0; i < 8; i++) await page.locator('#roster button.member').nth(i).click();
  await context.setOffline(true);
  await page.locator('#save').click();
  await page.waitForSelector('#queue li');
  await page.locator('#queue').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.field-scratch/queue.png' });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: '.field-scratch/print.png', fullPage: true });
  await page.pdf?.({ path: '.field-scratch/print.pdf' }).catch(() => undefined);
  await browser.close();
  await api.stop();
});
