import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { overflowingAidItems } from './aids/overflow.ts';
import { blocksToKeep, fitLastSheet, loneLinePages, pagesOfBlocks, pdfPages, type KeptBlock } from './holds.ts';
import type { PrintJob } from './jobs.ts';
import { pageCount } from './pdf-info.ts';
import { printWithPageNumbers } from './toc-pages.ts';
import { paperSizes } from './urls.ts';

export interface Rendered {
  job: PrintJob;
  file: string;
  pages: number;
  /** How many times it was printed: 2 or more for a book (its contents' page numbers). */
  prints: number;
  ms: number;
  /** For a kit of aids: the boxes whose words do not fit (measured before printing); empty when all fit. */
  overflowing?: string[];
  /** For a book: the blocks that must sit on one page (holds.ts) but were split, or not found, with their pages. */
  split?: string[];
  /** For a book: pages holding one line of text only (holds.ts). */
  loneLines?: number[];
  /** For a book: the pages its one-sheet annex (the help sheet) takes after fitting; 1 when it holds. */
  sheetPages?: number;
}

/** Pages are loaded from the built files through this made-up origin: no server, no port. */
const ORIGIN = 'http://tejido.print';

/** A browser context that answers every request from the built client folder and nothing else. */
async function builtSiteContext(browser: Browser, clientDir: string): Promise<BrowserContext> {
  const root = resolve(clientDir);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => route.abort());
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    const file = resolve(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not built' });
    return route.fulfill({ path: file });
  });
  return context;
}

/** What a printed book breaks that it must not: split blocks, lonely lines (holds.ts). */
async function bookHolds(page: Page, file: string, kept: KeptBlock[]): Promise<Pick<Rendered, 'split' | 'loneLines'>> {
  const pages = pagesOfBlocks(pdfPages(file), kept);
  const split = kept.flatMap((block, i) => {
    const on = pages[i];
    if (!on) return [`${block.label} (not found in the PDF)`];
    return on.length > 1 ? [`${block.label} (pages ${on.join('–')})`] : [];
  });
  return { split, loneLines: loneLinePages(pdfPages(file, true), await page.title()) };
}

/**
 * Prints every job to its PDF under the client folder, a few pages at a time in one Chromium.
 * Books go first: they take longest, so the short cards fill the gaps at the end.
 */
export async function renderJobs(
  browser: Browser,
  clientDir: string,
  jobs: readonly PrintJob[],
  concurrency = 3,
  /** Where the /pdf/… addresses are written: the client folder itself unless said (a test's own folder). */
  outDir = clientDir,
): Promise<Rendered[]> {
  const context = await builtSiteContext(browser, clientDir);
  const queue = [...jobs].sort((a, b) => Number(b.kind === 'book') - Number(a.kind === 'book'));
  const done: Rendered[] = [];
  const worker = async () => {
    const page = await context.newPage();
    for (let job = queue.shift(); job; job = queue.shift()) {
      const started = performance.now();
      const file = join(outDir, job.pdf);
      mkdirSync(dirname(file), { recursive: true });
      const response = await page.goto(`${ORIGIN}${job.page}`, { waitUntil: 'load' });
      if (!response?.ok())
        throw new Error(`${job.page} is not in the build (${response?.status()}) — build the site again`);
      if (job.paper !== 'a4') await page.addStyleTag({ content: `@page { size: ${paperSizes[job.paper].css}; }` });
      await page.evaluate(() => document.fonts.ready);
      const overflowing = job.kind === 'aids' ? await overflowingAidItems(page) : undefined;
      const print = async () => void (await page.pdf({ path: file, preferCSSPageSize: true }));
      const kept = job.kind === 'book' ? await blocksToKeep(page) : [];
      let prints = job.kind === 'book' ? await printWithPageNumbers(page, print, file) : (await print(), 1);
      // The help sheet fits one page by construction, in a book or alone: shrunk a little where the words run long.
      const sheet = job.kind === 'book' || job.kind === 'handout' ? await fitLastSheet(page, print, file) : undefined;
      prints += sheet?.prints ?? 0;
      const ms = performance.now() - started;
      const book = job.kind === 'book' ? await bookHolds(page, file, kept) : {};
      done.push({
        job,
        file,
        pages: pageCount(file),
        prints,
        ms,
        ...(overflowing ? { overflowing } : {}),
        ...book,
        ...(sheet ? { sheetPages: sheet.pages } : {}),
      });
    }
    await page.close();
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  } finally {
    await context.close();
  }
  return done;
}
