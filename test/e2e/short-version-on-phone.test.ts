// The short version on a cheap phone, in Chromium: folded until she taps it, then every step
// readable without scrolling sideways.
import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const sessions = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia');
const site = siteInBrowser();

describe('the short version on a 360×640 phone', () => {
  test.each(sessions.map((s) => [s.order, s] as const))(
    'session %i folds it, and one tap opens it',
    async (_order, session) => {
      const page = await site.browser.newPage({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
      await page.goto(`${site.server.url}/${session.slug}/`);
      const details = page.locator('section.prepare details.prepare-short');
      const steps = details.locator('ol.prepare-short-steps > li');
      await expect.poll(() => details.isVisible()).toBe(true);
      expect(await steps.first().isVisible()).toBe(false);
      await details.locator('summary').click();
      await expect.poll(() => steps.first().isVisible()).toBe(true);
      expect(await steps.count()).toBe(session.agenda.length);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.scroll, `page ${session.slug} is wider than the screen`).toBeLessThanOrEqual(widths.viewport);
      await page.close();
    },
  );
});
