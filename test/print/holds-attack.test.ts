// The checks `npm run pdf` runs on every book (src/print/holds.ts), attacked on small pages
// printed by real Chromium: a split box, a box taller than a page (break-inside: avoid cannot
// hold it: the run must fail, not pass blind), a line alone on a page, and a box it cannot find.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../src/print/chromium.ts';
import { blocksToKeep, loneLinePages, pagesOfBlocks, pdfPages } from '../../src/print/holds.ts';

let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'holds-'));

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `<p>${word} ${i + 1}</p>`).join('');
/** A book-like page: a chapter with `filler` lines, then a safety box of `box` lines, printed on A5. */
async function print(filler: number, box: number, css = '') {
  await page.setContent(`<!doctype html><html><head><title>Libro</title><style>
    @page { size: A5; margin: 15mm; @top-center { content: 'Libro'; } @bottom-center { content: counter(page) ' / ' counter(pages); } }
    body { font: 11pt/1.3 sans-serif; } p { margin: 0; } .safety { border: 1pt solid; } ${css}
    </style></head><body><section class="chapter"><h1>Sesión</h1>${lines(filler, 'relleno')}
    <aside class="safety"><h3>Si una mujer cuenta</h3>${lines(box, 'paso')}</aside></section></body></html>`);
  const file = join(dir, `${filler}-${box}.pdf`);
  const kept = await blocksToKeep(page);
  await page.pdf({ path: file, preferCSSPageSize: true });
  return { kept, pages: pdfPages(file), layout: pdfPages(file, true) };
}

describe('the checks of a printed book, attacked', () => {
  test('a box that break-inside: auto lets split is found on pages 1 and 2', async () => {
    const { kept, pages } = await print(25, 12, '.safety { break-inside: auto; }');
    expect(kept.map((b) => b.label)).toEqual(['Sesión: safety box']);
    expect(pagesOfBlocks(pages, kept)).toEqual([[1, 2]]);
  });

  test('the same box with break-inside: avoid moves whole to page 2', async () => {
    const { kept, pages } = await print(25, 12, '.safety { break-inside: avoid; }');
    expect(pagesOfBlocks(pages, kept)).toEqual([[2]]);
  });

  test('a box taller than a page breaks even with break-inside: avoid, and the check says so', async () => {
    const { kept, pages } = await print(2, 60, '.safety { break-inside: avoid; }');
    expect(pagesOfBlocks(pages, kept)[0]!.length).toBeGreaterThanOrEqual(2);
  });

  test('a box whose words are not in the PDF is reported as not found, never as whole', async () => {
    const { kept, pages } = await print(2, 3);
    expect(pagesOfBlocks(pages, [{ label: 'x', words: [...kept[0]!.words, 'palabra-que-no-está'] }])).toEqual([
      undefined,
    ]);
  });

  test('a page whose only text is one line (besides running head and page number) is found', async () => {
    await page.setContent(`<!doctype html><html><head><title>Libro</title><style>
      @page { size: A5; margin: 15mm; @top-center { content: 'Libro'; } @bottom-center { content: counter(page) ' / ' counter(pages); } }
      body { font: 11pt/1.3 sans-serif; } p { margin: 0; }</style></head>
      <body>${lines(3, 'arriba')}<p style="break-before: page">La última línea, sola</p>${'<p style="break-before: page">Dos</p><p>líneas</p>'}</body></html>`);
    const file = join(dir, 'lone.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true });
    const layout = pdfPages(file, true);
    expect(layout).toHaveLength(3);
    expect(loneLinePages(layout, 'Libro')).toEqual([2]);
  });
});
