// Printing an ordinary page of the site from the browser: only the page itself, no navigation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { flat, pdfPageTexts } from '../support/pdf.ts';
import { projectRoot } from '../support/content-root.ts';
import { siteInBrowser } from '../support/site-in-browser.ts';
import { keyMessageText } from '../../src/curriculum/core.ts';
import { subjects } from '../support/content-subjects.ts';

const curriculum = sourceCurriculum();
const siteTitle = checkContent(projectRoot).organisation!.shortName;
const [session, other] = subjects(curriculum).sessions.filter((s) => s.touchesViolence);
const site = siteInBrowser();

test('a session page prints its panel and guide without header, sidebars, search or print links', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.server.url}/${session!.slug}/`);
  const file = join(mkdtempSync(join(tmpdir(), 'tejido-site-print-')), 'page.pdf');
  writeFileSync(file, await page.pdf({ format: 'A4' }));
  await page.close();
  const text = flat(pdfPageTexts(file).join(' '));
  expect(text).toContain(flat(session!.title));
  expect(text).toContain('Preparar la sesión');
  expect(text).toContain(flat(keyMessageText(session!.keyMessages[0]!)));
  // The header shows the site's title; the sidebar would list the other sessions; the right column says "En esta página".
  expect(text).not.toContain(flat(siteTitle));
  expect(text).not.toContain(flat(other!.title));
  expect(text).not.toContain('En esta página');
  expect(text).not.toContain('Imprimir');
});
