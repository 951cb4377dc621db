import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
const site = siteInBrowser();

describe('a session page on a 360×640 phone', () => {
  test.each(sessions.map((s) => [s.order, s.slug] as const))(
    'session %i shows its panel and never scrolls sideways',
    async (order, slug) => {
      const page = await site.browser.newPage({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
      await page.goto(`${site.server.url}/${slug}/`);
      const panel = page.locator('section.prepare');
      await expect.poll(() => panel.isVisible()).toBe(true);
      const panelTop = await panel.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      // "At a glance": the panel starts within the first screen.
      expect(panelTop).toBeLessThan(640);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.scroll, `page ${slug} is wider than the screen`).toBeLessThanOrEqual(widths.viewport);
      if (order === 5) {
        mkdirSync(join(projectRoot, 'test-results'), { recursive: true });
        await page.screenshot({ path: join(projectRoot, 'test-results', 'session-5-360x640.png'), fullPage: false });
      }
      await page.close();
    },
  );
});
