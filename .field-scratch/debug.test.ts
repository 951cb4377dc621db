import { test } from 'vitest';
import { launchChromium } from '../test/support/browser.ts';
import { seedWorld, startApi } from '../test/support/api-world.ts';
import { addMembers, roster, signInOnScreen } from '../test/field/field-world.ts';

test('debug', async () => {
  const api = await startApi('sqlite', 'dbg');
  const browser = await launchChromium();
  const world = await seedWorld(api.server.url, api.admin);
  await addMembers(world.users.facA.client, world.banks.a1, roster(40, 'A'));
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await signInOnScreen(page, api.server.url, 'facA');
  const info = await page.evaluate(() => {
    const wide = [...document.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > 361).slice(0, 10).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
    return { wide };
  });
  console.log(JSON.stringify(info, null, 1));
  await page.screenshot({ path: '.field-scratch/top.png' });
  await page.locator('#roster button.member').nth(3).click();
  await page.locator('#roster button.member').nth(3).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.field-scratch/rows.png' });
  await browser.close();
  await api.stop();
});
