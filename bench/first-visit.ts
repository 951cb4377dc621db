import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface Transfer {
  url: string;
  kind: 'html' | 'css' | 'js' | 'other';
  raw: number;
  gzip: number;
}

const kindOf = (contentType: string, url: string): Transfer['kind'] => {
  if (contentType.includes('html')) return 'html';
  if (contentType.includes('css') || url.endsWith('.css')) return 'css';
  if (contentType.includes('javascript') || url.endsWith('.js')) return 'js';
  return 'other';
};

/**
 * Everything a real browser downloads to show a page, until the network is idle and before any
 * click or keystroke. gzip sizes are what a compressing server or CDN would send.
 */
export async function firstVisit(browser: Browser, url: string): Promise<Transfer[]> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  const pending: Promise<Transfer | undefined>[] = [];
  page.on('response', (response) => {
    pending.push(
      response.body().then(
        (body) => ({
          url: response.url(),
          kind: kindOf(response.headers()['content-type'] ?? '', response.url()),
          raw: body.length,
          gzip: gzipSync(body).length,
        }),
        () => undefined,
      ),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const transfers = (await Promise.all(pending)).filter((t): t is Transfer => Boolean(t));
  await context.close();
  return transfers;
}
