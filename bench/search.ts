import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/support/browser.ts';
import { sourceCurriculum, sourceLabel } from '../test/support/built-site.ts';
import { projectRoot } from '../test/support/content-root.ts';
import { startServer } from '../test/support/server.ts';
import { kb } from './table.ts';

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

/** A word people would search for: the first word of the topic most sessions cover (e.g. "violencia"). */
function typicalQuery(): string {
  const counts = new Map<string, number>();
  for (const session of sourceCurriculum().sessions)
    for (const topic of session.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['genero'];
  return sourceLabel('topics', top).split(' ')[0]!.toLowerCase();
}

/**
 * The Pagefind index on disk, and what a first search costs a phone: Chromium opens /buscar/,
 * types a word and waits for the results; every response from /pagefind/ is counted, from the
 * page opening (the library, its WebAssembly, the filter counts) to the results on screen.
 */
export async function benchSearch(distDir: string): Promise<{ figure: string; value: string }[]> {
  const index = sizeOf(join(distDir, 'client', 'pagefind'));
  const rows = [{ figure: `Pagefind index on disk (${index.files} files)`, value: kb(index.bytes) }];

  // startServer() serves the build TEJIDO_DIST names, relative to the project.
  const previous = process.env.TEJIDO_DIST;
  process.env.TEJIDO_DIST = relative(projectRoot, distDir);
  const server = await startServer().finally(() =>
    previous === undefined ? delete process.env.TEJIDO_DIST : (process.env.TEJIDO_DIST = previous),
  );
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const pending: Promise<{ raw: number; gzip: number }>[] = [];
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/pagefind/')) return;
      pending.push(
        response.body().then(
          (body) => ({ raw: body.length, gzip: gzipSync(body).length }),
          () => ({ raw: 0, gzip: 0 }),
        ),
      );
    });
    await page.goto(`${server.url}/buscar/`);
    await page.waitForSelector('tejido-search[data-state="ready"]');
    const query = typicalQuery();
    // The whole word at once, then Enter: one search, so the figure does not depend on typing speed.
    await page.locator('#buscar-texto').focus();
    await page.locator('#buscar-texto').fill(query);
    await page.locator('#buscar-texto').press('Enter');
    await page.waitForSelector('tejido-search[data-state="ready"] [data-results] li');
    await page.waitForLoadState('networkidle');
    const transfers = await Promise.all(pending);
    await context.close();
    const raw = transfers.reduce((n, t) => n + t.raw, 0);
    const gzip = transfers.reduce((n, t) => n + t.gzip, 0);
    rows.push({
      figure: `First search on /buscar/ ("${query}"): /pagefind/ downloads, ${transfers.length} requests (raw / gzip)`,
      value: `${kb(raw)} / ${kb(gzip)}`,
    });
  } finally {
    await browser.close();
    await server.stop();
  }
  return rows;
}
