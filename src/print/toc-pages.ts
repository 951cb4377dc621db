import type { Page } from 'playwright-core';
import { destinations } from './pdf-info.ts';

/**
 * Prints a book whose table of contents needs page numbers. Chromium has no target-counter(), so
 * the numbers are found by printing: (1) print the book with the numbers empty; (2) read on which
 * page each anchor the contents links to landed — Chromium writes one named destination per link
 * target, and `pdfinfo -dests` lists them with their page; (3) write the numbers into the
 * contents' [data-toc-page] boxes; (4) print again. Each box has a fixed width, so filling it
 * in moves nothing; the loop still reads the second print and prints once more if a page moved.
 * Returns how many times the book was printed.
 */
export async function printWithPageNumbers(page: Page, print: () => Promise<void>, file: string): Promise<number> {
  const anchors = await page.$$eval('[data-toc-page]', (boxes) =>
    boxes.map((b) => (b as HTMLElement).dataset.tocPage ?? ''),
  );
  let filled = new Map<string, number>();
  for (let pass = 1; pass <= 4; pass++) {
    await print();
    const found = destinations(file);
    const missing = anchors.filter((a) => !found.has(a));
    if (missing.length)
      throw new Error(`${file}: no page found for ${missing.join(', ')} — is each one the id of an element?`);
    if (pass > 1 && anchors.every((a) => filled.get(a) === found.get(a))) return pass;
    filled = new Map(anchors.map((a) => [a, found.get(a)!]));
    await page.$$eval(
      '[data-toc-page]',
      (boxes, numbers) =>
        boxes.forEach((b) => (b.textContent = String(numbers[(b as HTMLElement).dataset.tocPage ?? ''] ?? ''))),
      Object.fromEntries(filled),
    );
  }
  throw new Error(`${file}: the contents' page numbers still moved after 4 prints`);
}
