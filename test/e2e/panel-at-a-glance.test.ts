// The "Preparar la sesión" panel on a 360×640 phone (issue 15, item 1): what she needs first is on
// the first screen, the safety box is one tap away, its phone numbers call, and "En esta página"
// lists the panel.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { panelSections } from '../../src/components/prepare/sections.ts';
import { findPhoneNumbers } from '../../src/curriculum/phone-numbers.ts';
import { referralPath } from '../../src/curriculum/resolve.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { flat, pdfPageTexts } from '../support/pdf.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';

const curriculum = sourceCurriculum();
const violence = curriculum.sessions.filter((s) => s.touchesViolence);
const site = siteInBrowser();
const SCREEN = { width: 360, height: 640 };

/** The tel: addresses the box must offer: every phone number in the text of its referral path. */
function expectedTels(session: (typeof violence)[number]): string[] {
  const texts = referralPath(curriculum, session).flatMap((s) => [s.contact, s.hours]);
  return [...new Set(texts.flatMap((text) => findPhoneNumbers(text).flatMap((p) => (p.tel ? [p.tel] : []))))].sort();
}

describe('every session that touches violence, at 360×640', () => {
  test('there are sessions that touch violence to check', () => {
    expect(violence.filter((s) => !s.safety).map((s) => s.id)).toEqual([]);
    expect(violence.length).toBeGreaterThanOrEqual(20);
  });

  test.each(violence.map((s) => [s.id, s.slug] as const))(
    '%s: the link to the safety box is on the first screen and the box calls its numbers',
    async (_id, slug) => {
      const session = violence.find((s) => s.slug === slug)!;
      const page = await site.browser.newPage({ viewport: SCREEN });
      await page.goto(`${site.server.url}/${slug}/`);
      const jump = page.locator('section.prepare .prepare-jump a');
      expect(await jump.count()).toBe(1);
      expect(await jump.isVisible()).toBe(true);
      expect(await jump.getAttribute('href')).toBe('#recuadro-seguridad');
      expect(flat(await jump.innerText())).toBe('Si una mujer cuenta violencia → recuadro de seguridad');
      const box = (await jump.boundingBox())!;
      expect(box.y).toBeLessThan(SCREEN.height);
      expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
      // The agenda at a glance is on the first screen too: one line per step, in order.
      const steps = page.locator('section.prepare .prepare-timeline li');
      expect(await steps.count()).toBe(session.agenda.length);
      expect(flat(await steps.first().innerText())).toContain(`${session.agenda[0]!.minutes} min`);
      // It follows the link at once (on a page with a long title it may begin just below the fold).
      const firstStep = (await steps.first().boundingBox())!;
      expect(firstStep.y - (box.y + box.height)).toBeLessThan(24);

      // The box's phone numbers are tel: links, exactly those its referral path writes.
      const tels = await page
        .locator('aside.safety .safety-referrals > li a[href^="tel:"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      expect([...new Set(tels)].sort()).toEqual(expectedTels(session));
      expect(tels).toContain('tel:100');

      // One tap lands on the box.
      await jump.click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#recuadro-seguridad');
      const top = await page.locator('#recuadro-seguridad').evaluate((el) => el.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(SCREEN.height / 2);
      await page.close();
    },
  );
});

describe('"En esta página" lists the panel', () => {
  test.each(curriculum.sessions.map((s) => [s.id, s.slug] as const))('%s', async (_id, slug) => {
    const session = curriculum.sessions.find((s) => s.slug === slug)!;
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.server.url}/${slug}/`);
    const toc = page.locator('starlight-toc nav a');
    const hrefs = await toc.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const panel = panelSections(session).map((s) => `#${s.id}`);
    // Right after "Overview", in the panel's own order, then the body's headings.
    expect(hrefs.slice(0, panel.length + 1)).toEqual(['#_top', ...panel]);
    expect(hrefs.length).toBeGreaterThan(panel.length + 1);
    // Every entry leads to a heading that is on the page, once.
    for (const href of panel) expect(await page.locator(href).count(), href).toBe(1);
    await page.close();
  });
});

describe('preparation notes', () => {
  const withNotes = curriculum.sessions.find((s) => s.materials.filter((m) => m.prepare).length >= 2)!;

  test('fold under "Antes: …" on the site and print whole', async () => {
    const notes = withNotes.materials.flatMap((m) => (m.prepare ? [m.prepare] : []));
    const page = await site.browser.newPage({ viewport: SCREEN });
    await page.goto(`${site.server.url}/${withNotes.slug}/`);
    const folds = page.locator('.prepare-materials details.prepare-before');
    expect(await folds.count()).toBe(notes.length);
    expect(await folds.evaluateAll((all) => all.filter((d) => (d as HTMLDetailsElement).open).length)).toBe(0);
    expect(flat(await folds.first().locator('summary').innerText())).toMatch(/^Antes: /);
    // Folded, the note's full text takes no room on the screen.
    expect(await folds.first().locator('span').isVisible()).toBe(false);
    const file = join(mkdtempSync(join(tmpdir(), 'tejido-notes-')), 'page.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4' }));
    await page.close();
    const text = flat(pdfPageTexts(file).join(' '));
    for (const note of notes) expect(text).toContain(flat(`Antes: ${note}`).slice(0, 60));
    expect(text).not.toContain('recuadro de seguridad');
  });
});
