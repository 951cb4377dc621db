import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { launchChromium } from '../support/browser.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a session page on a 360×640 phone', () => {
  test.each(sessions.map((s) => [s.order, s.slug] as const))('session %i shows its panel and never scrolls sideways', async (order, slug) => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
    await page.goto(`${server.url}/${slug}/`);
    const panel = page.locator('section.prepare');
    await expect.poll(() => panel.isVisible()).toBe(true);
    const panelTop = await panel.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    // "At a glance": the panel starts within the first screen.
    expect(panelTop).toBeLessThan(640);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.scroll, `page ${slug} is wider than the screen`).toBeLessThanOrEqual(widths.viewport);
    if (order === 5) {
      mkdirSync(join(projectRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(projectRoot, 'test-results', 'session-5-360x640.png'), fullPage: false });
    }
    await page.close();
  });
});
