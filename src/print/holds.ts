import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { destinations, pageCount } from './pdf-info.ts';

/**
 * Whether a printed book holds together, read back from the PDF itself: Chromium's
 * `break-inside: avoid` is a wish, not a promise (a box taller than the space left still breaks),
 * so `npm run pdf` checks what it printed. `KEEP_TOGETHER` names the blocks that must sit on one
 * page: a session's safety box (a facilitator reads it aloud while a woman waits) and its agenda.
 */
export const KEEP_TOGETHER = { '.safety': 'safety box', '.prepare-agenda': 'agenda' } as const;

/** A block that must not be split: what it is, in which chapter, and its words in reading order. */
export interface KeptBlock {
  label: string;
  words: string[];
}

/** Words as both the DOM and pdftotext spell them (ligatures, non-breaking spaces). */
const wordsOf = (text: string) => text.normalize('NFKC').split(/\s+/).filter(Boolean);

/** The blocks of the loaded print view that must stay on one page, in document order. */
export async function blocksToKeep(page: Page): Promise<KeptBlock[]> {
  const found = await page.$$eval(
    Object.keys(KEEP_TOGETHER).join(', '),
    (els, kinds) =>
      els.map((el) => ({
        kind: Object.keys(kinds).find((selector) => el.matches(selector)) ?? '',
        chapter: el.closest('section.chapter')?.querySelector('h1')?.textContent?.trim() ?? '',
        text: (el as HTMLElement).innerText,
      })),
    KEEP_TOGETHER,
  );
  return found.map((b) => ({
    label: `${b.chapter}: ${KEEP_TOGETHER[b.kind as keyof typeof KEEP_TOGETHER] ?? b.kind}`,
    words: wordsOf(b.text),
  }));
}

/** The text of each page: in drawing order (-raw, which reads a table row by row) or as laid out (-layout). */
export function pdfPages(file: string, layout = false): string[] {
  const run = spawnSync('pdftotext', [layout ? '-layout' : '-raw', file, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`pdftotext ${file} failed: ${run.error?.message ?? run.stderr}`);
  return run.stdout.split('\f').slice(0, -1);
}

/**
 * Words the PDF has between two of a block's words that its DOM text lacks: list counters
 * ("3."), separators drawn by CSS ("· "), and, at a page break, the running head and page number.
 */
const GAP = 14;

/**
 * The pages (1-based) each block was printed on, found by matching its words in order in the
 * PDF's words, each block after the previous one (every safety box starts with the same title).
 * `undefined` when a block's words are not found: the check then fails rather than pass blind.
 */
export function pagesOfBlocks(pages: readonly string[], blocks: readonly KeptBlock[]): (number[] | undefined)[] {
  const stream = pages.flatMap((text, i) => wordsOf(text).map((word) => ({ word, page: i + 1 })));
  let cursor = 0;
  return blocks.map(({ words }) => {
    for (let start = cursor; start < stream.length; start++) {
      if (stream[start]!.word !== words[0]) continue;
      const matched = [start];
      for (const word of words.slice(1)) {
        const from = matched.at(-1)! + 1;
        const at = stream.slice(from, from + GAP).findIndex((w) => w.word === word);
        if (at < 0) break;
        matched.push(from + at);
      }
      if (matched.length !== words.length) continue;
      cursor = matched.at(-1)! + 1;
      return [...new Set(matched.map((i) => stream[i]!.page))];
    }
    return undefined;
  });
}

/**
 * Pages whose body holds a single line of text: a list's last line, or a paragraph's, pushed
 * over on its own. The running head (the book's title) and the page number do not count.
 */
export function loneLinePages(layoutPages: readonly string[], runningHead: string): number[] {
  const head = wordsOf(runningHead).join(' ');
  return layoutPages.flatMap((text, i) => {
    const lines = text
      .split('\n')
      .map((line) => wordsOf(line).join(' '))
      .filter((line) => line && line !== head && !/^\d+ ?\/ ?\d+$/.test(line));
    return lines.length === 1 ? [i + 1] : [];
  });
}

/** How far the one-page annex may shrink to fit (12 pt type stays above 10 pt). */
const ZOOMS = [0.95, 0.9, 0.85];

/**
 * Keeps the `[data-one-page]` sheet (the "where to get help" sheet: a book's last annex, or printed
 * alone) on one sheet: when it runs over, it is printed again a little smaller, down to 85 %.
 * Returns how many pages it still takes (1 when it fits) and how many extra prints it needed.
 */
export async function fitLastSheet(
  page: Page,
  print: () => Promise<void>,
  file: string,
): Promise<{ pages: number; prints: number }> {
  const id = await page.$eval('[data-one-page]', (el) => el.id).catch(() => undefined);
  if (!id) return { pages: 1, prints: 0 };
  // A sheet printed alone (a manual's help sheet) has no link to it, so no named destination: it starts on page 1.
  const pagesOf = () => pageCount(file) - (destinations(file).get(id) ?? 1) + 1;
  let pages = pagesOf();
  let prints = 0;
  for (const zoom of ZOOMS) {
    if (pages <= 1) break;
    await page.$eval('[data-one-page]', (el, z) => ((el as HTMLElement).style.zoom = String(z)), zoom);
    await print();
    prints++;
    pages = pagesOf();
  }
  return { pages, prints };
}
