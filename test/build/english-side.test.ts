import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clientDir } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { sidebarHtml } from '../support/built-html.ts';
import { startServer, type RunningServer } from '../support/server.ts';

/**
 * The English side, as a visitor reaches it: start at /en/, follow every same-site link an English
 * page gives (anchors and the language switcher's options), crawl on while the link stays under
 * /en/, and fetch once every other address it leads to (Spanish-only screens, PDFs, JSON).
 */
const i18n = (lang: string) =>
  JSON.parse(readFileSync(join(projectRoot, 'content', 'i18n', `${lang}.json`), 'utf8')) as Record<string, string>;
const es = i18n('es');
const en = i18n('en');
/** Spanish interface strings whose English differs: none may show in an English page's chrome. */
const spanishLabels = Object.keys(es)
  .filter((key) => en[key] && en[key] !== es[key] && !es[key]!.includes('{{'))
  .map((key) => es[key]!);

/** Addresses an HTML page links to: `<a href>` and the language switcher's `<option value>`. */
function linksOf(html: string): string[] {
  const hrefs = [...html.matchAll(/<a\b[^>]*?\shref="([^"]+)"/g)].map((m) => m[1]!);
  const options = [...html.matchAll(/<option\b[^>]*?\svalue="(\/[^"]*)"/g)].map((m) => m[1]!);
  return [...hrefs, ...options].map((href) => href.replaceAll('&amp;', '&'));
}

/** What the page wraps around its content: header, sidebar, prev/next and footer. */
function chromeOf(html: string): string {
  const header = html.match(/<header class="header"[\s\S]*?<\/header>/)?.[0] ?? '';
  const pagination = html.match(/<div class="pagination-links"[\s\S]*?<\/div>/)?.[0] ?? '';
  const footer = html.match(/<footer\b[\s\S]*?<\/footer>/)?.[0] ?? '';
  return [header, sidebarHtml(html), pagination, footer].join('\n').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

interface Crawl {
  pages: Map<string, string>;
  /** Every non-crawled address a page linked to, with the first page that did. */
  others: Map<string, string>;
  broken: { url: string; status: number; from: string }[];
}

async function crawl(origin: string): Promise<Crawl> {
  const pages = new Map<string, string>();
  const others = new Map<string, string>();
  const broken: Crawl['broken'] = [];
  const queue: { path: string; from: string }[] = [{ path: '/en/', from: '(start)' }];
  const seen = new Set(['/en/']);
  while (queue.length) {
    const { path, from } = queue.shift()!;
    const response = await fetch(origin + path, { redirect: 'manual' });
    if (response.status !== 200) {
      broken.push({ url: path, status: response.status, from });
      continue;
    }
    const html = await response.text();
    pages.set(path, html);
    for (const link of linksOf(html)) {
      const url = new URL(link, origin + path);
      if (url.origin !== origin || !/^https?:$/.test(url.protocol)) continue;
      const target = url.pathname + url.search;
      if (seen.has(target)) continue;
      seen.add(target);
      if (url.pathname.startsWith('/en/') && !/\.[a-z0-9]+$/.test(url.pathname)) queue.push({ path: target, from: path });
      else others.set(target, path);
    }
  }
  for (const [path, from] of others) {
    // PDFs are made after the build by `npm run pdf`: without them, a PDF link must name a job it runs.
    if (path.startsWith('/pdf/') && !existsSync(join(clientDir, 'pdf'))) continue;
    const response = await fetch(origin + path, { redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) broken.push({ url: path, status: response.status, from });
  }
  return { pages, others, broken };
}

describe('the English side of the built site', () => {
  let server: RunningServer;
  let site: Crawl;
  beforeAll(async () => {
    server = await startServer();
    site = await crawl(server.url);
  }, 240_000);
  afterAll(() => server?.stop());

  test('the crawl reaches every English session page of manual 1 and the app pages', () => {
    for (const path of ['/en/buscar/', '/en/asistencia/', '/en/creditos/', '/en/traducciones/', '/en/coordinacion/'])
      expect(site.pages.has(path), path).toBe(true);
    expect(site.pages.has('/en/imagen-peru/genero-y-violencia/comunicacion/')).toBe(true);
  });

  test('no link an English page gives is broken', () => {
    expect(site.broken).toEqual([]);
  });

  test('no Spanish interface label shows in an English page’s header, sidebar, prev/next or footer', () => {
    expect(spanishLabels.length).toBeGreaterThanOrEqual(40);
    const found: string[] = [];
    for (const [path, html] of site.pages) {
      const chrome = ` ${chromeOf(html)} `;
      for (const label of spanishLabels) if (chrome.includes(` ${label} `)) found.push(`${path}: «${label}»`);
    }
    expect(found).toEqual([]);
  });

  test('an English session page shows its translated neighbours’ English titles in the sidebar and prev/next', () => {
    const html = site.pages.get('/en/imagen-peru/genero-y-violencia/comunicacion/')!;
    const chrome = chromeOf(html);
    expect(chrome).toContain('Manual 1: Gender and violence');
    expect(chrome).not.toContain('Manual 1: Género y violencia');
    expect(chrome).not.toContain('Hablar y escuchar sin gritos');
  });

  test('an address under /en/ that no page answers is an English 404 with the English menu', async () => {
    const response = await fetch(`${server.url}/en/no-such-page/`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('This page does not exist');
    expect(html).toContain('href="/en/"');
  });

  test('the Spanish-only screens say so in English and open the Spanish screen', () => {
    const html = site.pages.get('/en/asistencia/')!;
    expect(html).toContain('This screen is only in Spanish for now.');
    expect(html).toMatch(/<a href="\/asistencia\/" hreflang="es" data-spanish-screen>Open the screen in Spanish<\/a>/);
  });
});
