import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clientDir, distDir, sourceCurriculum } from '../support/built-site.ts';
import { flat, pdfPageTexts } from '../support/pdf.ts';
import type { PrintJob } from '../../src/print/jobs.ts';
import { pdfFiles, printPages } from '../../src/print/urls.ts';
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
const spanishLabels = [
  ...new Set(
    Object.keys(es)
      .filter((key) => en[key] && en[key] !== es[key] && !es[key]!.includes('{{'))
      .map((key) => es[key]!),
  ),
];

/** The print links of a page (PrintLinks.astro): address and label. */
const printLinksOf = (html: string) =>
  [...html.matchAll(/<a class="print-link" href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1]!, decode(m[2]!)]);

/** Every link of a page to a PDF, with its text (tags stripped). */
const pdfLinksOf = (html: string): [href: string, label: string][] =>
  [...html.matchAll(/<a\b[^>]*?\shref="(\/pdf\/[^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => [
    m[1]!,
    decode(
      m[2]!
        .replace(/<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  ]);

const decode = (text: string) =>
  text
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The English print jobs of this build (its print manifest), and a folder where `npm run pdf --lang en` made them. */
const englishJobs = (
  JSON.parse(readFileSync(join(clientDir, printPages.manifest), 'utf8')) as { jobs: PrintJob[] }
).jobs.filter((job) => job.lang === 'en');
const englishPdfs = mkdtempSync(join(tmpdir(), 'tejido-en-pdfs-'));

/**
 * The PDF links of English pages that break the promise: an English address (/pdf/en/…, /pdf/aids/en/…) must be
 * an English job of the build that `npm run pdf --lang en` made; any other PDF is Spanish and its label must say so.
 */
function pdfLinkFaults(pages: ReadonlyMap<string, string>) {
  const jobs = new Set(englishJobs.map((job) => job.pdf));
  const found = { english: 0, spanish: 0, wrong: [] as string[] };
  for (const [path, html] of pages)
    for (const [href, label] of pdfLinksOf(html)) {
      if (/^\/pdf\/(aids\/)?en\//.test(href)) {
        found.english++;
        if (!jobs.has(href)) found.wrong.push(`${path}: ${href} is no English print job of the build`);
        else if (!existsSync(join(englishPdfs, href))) found.wrong.push(`${path}: ${href} was not made`);
      } else {
        found.spanish++;
        if (!/\bin Spanish\b/.test(label))
          found.wrong.push(`${path}: ${href} («${label}») is Spanish and does not say so`);
      }
    }
  return found;
}

/** Addresses an HTML page links to: `<a href>` and the language switcher's `<option value>`. */
function linksOf(html: string): string[] {
  const hrefs = [...html.matchAll(/<a\b[^>]*?\shref="([^"]+)"/g)].map((m) => m[1]!);
  const options = [...html.matchAll(/<option\b[^>]*?\svalue="(\/[^"]*)"/g)].map((m) => m[1]!);
  return [...hrefs, ...options].map((href) => href.replaceAll('&amp;', '&'));
}

/** What the page wraps around its content: header, sidebar, prev/next and footer, as its text nodes. */
function chromeOf(html: string): string[] {
  const header = html.match(/<header class="header"[\s\S]*?<\/header>/)?.[0] ?? '';
  const pagination = html.match(/<div class="pagination-links"[\s\S]*?<\/div>/)?.[0] ?? '';
  const footer = html.match(/<footer\b[\s\S]*?<\/footer>/)?.[0] ?? '';
  return [header, sidebarHtml(html), pagination, footer]
    .join('<>')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .split(/<[^>]*>/)
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
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
      if (url.pathname.startsWith('/en/') && !/\.[a-z0-9]+$/.test(url.pathname))
        queue.push({ path: target, from: path });
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
    // The English PDFs only, into a folder of this test's own: dist/ is shared, and the whole run is slow.
    const run = spawnSync(
      process.execPath,
      ['src/print/cli/pdf.ts', '--dist', distDir, '--out', englishPdfs, '--lang', 'en'],
      {
        cwd: projectRoot,
        encoding: 'utf8',
      },
    );
    if (run.status !== 0)
      throw new Error(`npm run pdf -- --lang en failed (${run.status}):\n${run.stdout}${run.stderr}`);
    server = await startServer();
    site = await crawl(server.url);
  }, 300_000);
  afterAll(() => server?.stop());

  test('the crawl reaches every English session page of manual 1 and the app pages', () => {
    for (const path of ['/en/buscar/', '/en/asistencia/', '/en/creditos/', '/en/traducciones/', '/en/coordinacion/'])
      expect(site.pages.has(path), path).toBe(true);
    expect(site.pages.has('/en/imagen-peru/genero-y-violencia/comunicacion/')).toBe(true);
  });

  test('no link an English page gives is broken', () => {
    expect(site.broken).toEqual([]);
  });

  test('content/i18n/en.json translates every interface string es.json has', () => {
    expect(Object.keys(es).filter((key) => !(key in en))).toEqual([]);
  });

  test('no Spanish interface label shows in an English page’s header, sidebar, prev/next or footer', () => {
    const found: string[] = [];
    for (const [path, html] of site.pages) {
      // A label is a whole text node (a link, a heading): an untranslated page's own title that
      // starts with "Día 1 ·" is content in the source language, not a label.
      const chrome = new Set(chromeOf(html));
      for (const label of spanishLabels) if (chrome.has(label)) found.push(`${path}: «${label}»`);
    }
    expect(found).toEqual([]);
  });

  test('the same check on the Spanish page finds its labels: the detector is not blind', async () => {
    const html = await (await fetch(`${server.url}/imagen-peru/genero-y-violencia/comunicacion/`)).text();
    const chrome = new Set(chromeOf(html));
    expect(spanishLabels.filter((label) => chrome.has(label)).sort()).toEqual(
      [
        'Adaptaciones',
        'Buscar sesiones',
        'Cobertura de las traducciones',
        'Coordinación',
        'Créditos',
        'Cómo usar este manual',
        'El currículo como datos',
        'En el campo',
        'Oficina del programa',
        'Operar el servidor',
        'Para organizaciones',
        'Poner en marcha la asistencia',
        'Presentación',
        'Tomar asistencia',
        'Adaptar el currículo',
        'Agregar un idioma',
      ].sort(),
    );
  });

  test('an English session page links its English card and the English book, labelled in English', () => {
    const html = site.pages.get('/en/imagen-peru/genero-y-violencia/comunicacion/')!;
    expect(printLinksOf(html).slice(0, 2)).toEqual([
      ['/pdf/en/cards/gv-comunicacion.pdf', en['tejido.print.card']],
      ['/pdf/en/genero-y-violencia.pdf', en['tejido.print.book']],
    ]);
    const manual = site.pages.get('/en/imagen-peru/genero-y-violencia/')!;
    expect(printLinksOf(manual)).toEqual([
      ['/pdf/en/genero-y-violencia.pdf', en['tejido.print.book']],
      ['/pdf/en/letter/genero-y-violencia.pdf', en['tejido.print.bookLetter']],
      ['/pdf/en/handouts/genero-y-violencia.pdf', en['tejido.print.handout']],
    ]);
  });

  test('every PDF an English page links is an English PDF that `npm run pdf --lang en` makes from this build, or says it is Spanish', () => {
    const found = pdfLinkFaults(site.pages);
    expect(found.wrong).toEqual([]);
    // Each of manual 1's 7 English session pages: its card, the book, its kit of aids, the safety plan (in its
    // safety box) and its sheets to take home, all English.
    const sessionPages = new Map(
      [...site.pages].filter(([p]) => /^\/en\/imagen-peru\/genero-y-violencia\/[^/]+\/$/.test(p)),
    );
    expect(sessionPages.size).toBe(7);
    const manualOne = sourceCurriculum().sessions.filter((x) => x.manual === 'genero-y-violencia');
    const handouts = manualOne.reduce((n, x) => n + x.handouts.length, 0);
    expect(handouts).toBe(3);
    const inManualOne = pdfLinkFaults(sessionPages);
    expect([inManualOne.english, inManualOne.spanish]).toEqual([
      7 * 3 + manualOne.filter((x) => x.safety).length + handouts,
      0,
    ]);
    // The manual's page: its English books and help sheet.
    const manualPage = pdfLinkFaults(new Map([['m', site.pages.get('/en/imagen-peru/genero-y-violencia/')!]]));
    expect([manualPage.english, manualPage.spanish]).toEqual([3, 0]);
    // Untranslated pages (shown in Spanish under /en/) link Spanish PDFs, each saying so (checked above).
    expect(found.spanish).toBeGreaterThan(inManualOne.spanish);
  });

  test('no English page of manual 1 (its page, its sessions, its sheets) links a Spanish PDF', () => {
    const pages = [...site.pages].filter(([p]) => p.startsWith('/en/imagen-peru/genero-y-violencia/'));
    // The manual's page, its 7 sessions, and its 4 sheets (the safety plan and the three to take home).
    expect(
      pages
        .map(([p]) => p)
        .filter((p) => p.includes('/hojas/'))
        .sort(),
    ).toEqual(
      ['apoyar-a-una-amiga', 'crianza-con-carino', 'plan-de-seguridad', 'yo-siento'].map(
        (slug) => `/en/imagen-peru/genero-y-violencia/hojas/${slug}/`,
      ),
    );
    expect(pages).toHaveLength(1 + 7 + 4);
    const spanish = pages.flatMap(([p, html]) =>
      pdfLinksOf(html)
        .filter(([href]) => !/^\/pdf\/(aids\/)?en\//.test(href))
        .map(([href]) => `${p}: ${href}`),
    );
    expect(spanish).toEqual([]);
    for (const [p, html] of pages) expect(html, p).not.toContain('(PDF in Spanish)');
  });

  test('each English session page of manual 1 links its sheets to take home as English PDFs, with their English titles', () => {
    const sheets = (path: string) =>
      printLinksOf(site.pages.get(`/en/imagen-peru/genero-y-violencia/${path}/`)!).filter(([href]) =>
        href?.includes('/materials/'),
      );
    const label = (title: string) => en['tejido.print.material']!.replace('{{title}}', title);
    expect(sheets('comunicacion')).toEqual([
      ['/pdf/en/materials/hoja-yo-siento.pdf', label('Take-home sheet: speaking clearly without shouting')],
    ]);
    expect(sheets('crianza-con-carino')).toEqual([
      ['/pdf/en/materials/hoja-crianza-con-carino.pdf', label('Take-home sheet: raising children with love')],
    ]);
    expect(sheets('rompemos-el-silencio')).toEqual([
      ['/pdf/en/materials/hoja-apoyar-a-una-amiga.pdf', label('Take-home sheet: how to support a friend')],
    ]);
    // The panel's list of sheets leads to the English pages, by their English titles.
    const panel = site.pages
      .get('/en/imagen-peru/genero-y-violencia/comunicacion/')!
      .match(/<ul class="prepare-handouts">[\s\S]*?<\/ul>/)?.[0];
    expect(panel).toBe(
      '<ul class="prepare-handouts"><li><a href="/en/imagen-peru/genero-y-violencia/hojas/yo-siento/">' +
        'Take-home sheet: speaking clearly without shouting</a></li></ul>',
    );
    // The Spanish pages keep the Spanish sheets and titles.
    const spanish = readFileSync(
      join(clientDir, 'imagen-peru', 'genero-y-violencia', 'comunicacion', 'index.html'),
      'utf8',
    );
    expect(printLinksOf(spanish).filter(([href]) => href?.includes('/materials/'))).toEqual([
      [
        '/pdf/materials/hoja-yo-siento.pdf',
        es['tejido.print.material']!.replace('{{title}}', 'Hoja para la casa: hablar claro sin gritar'),
      ],
    ]);
  });

  test('the English sheets to take home are one large-print page each, in English', () => {
    const sheets = {
      'hoja-yo-siento': ['Take-home sheet: speaking clearly without shouting', 'Línea 100', 'Hoja para la casa'],
      'hoja-crianza-con-carino': ['Take-home sheet: raising children with love', 'DEMUNA', 'Ideas para cada día'],
      'hoja-apoyar-a-una-amiga': ['Take-home sheet: how to support a friend', '105', 'Lo que ayuda'],
    };
    for (const [id, [title, kept, spanish]] of Object.entries(sheets)) {
      const pages = pdfPageTexts(join(englishPdfs, pdfFiles.material(id, 'en')));
      expect(pages, id).toHaveLength(1);
      const text = flat(pages.join(' '));
      expect(text, id).toContain(title);
      expect(text, id).toContain(kept);
      expect(text, id).not.toContain(spanish);
    }
  });

  test('an English safety box links the English safety plan, its page and its PDF, in English', () => {
    const html = site.pages.get('/en/imagen-peru/genero-y-violencia/violencia-no-es-normal/')!;
    const plan = html.match(/<p class="safety-plan"[\s\S]*?<\/p>/)?.[0] ?? '';
    expect(plan).toContain('href="/en/imagen-peru/genero-y-violencia/hojas/plan-de-seguridad/">My safety plan</a>');
    expect(plan).toContain(`href="/pdf/en/materials/hoja-plan-de-seguridad.pdf">${en['tejido.safety.planPdf']}</a>`);
  });

  test('the PDF link check catches a Spanish PDF passed off as English, and an English PDF no job makes', () => {
    const page = (links: string) => new Map([['/en/fake/', `<main>${links}</main>`]]);
    expect(
      pdfLinkFaults(page('<a href="/pdf/cards/gv-comunicacion.pdf">Session card (PDF, 1 page)</a>')).wrong,
    ).toEqual([
      '/en/fake/: /pdf/cards/gv-comunicacion.pdf («Session card (PDF, 1 page)») is Spanish and does not say so',
    ]);
    expect(pdfLinkFaults(page('<a class="print-link" href="/pdf/en/cards/no-such.pdf">Card</a>')).wrong).toEqual([
      '/en/fake/: /pdf/en/cards/no-such.pdf is no English print job of the build',
    ]);
    expect(pdfLinkFaults(page('<a href="/pdf/cards/gv-comunicacion.pdf">Card (PDF in Spanish)</a>')).wrong).toEqual([]);
  });

  test('the English PDFs a session page links are real: the card one page in English, the book the English manual', () => {
    const card = pdfPageTexts(join(englishPdfs, pdfFiles.card('gv-comunicacion', 'en')));
    expect(card).toHaveLength(1);
    // The card sets its headings in capitals.
    expect(card[0]).toContain(en['tejido.prepare.objectives']!.toUpperCase());
    expect(card[0]).not.toContain(es['tejido.prepare.objectives']!.toUpperCase());
    const book = pdfPageTexts(join(englishPdfs, pdfFiles.book('genero-y-violencia', 'a4', 'en')));
    expect(flat(book[0]!)).toContain('Manual 1: Gender and violence');
    expect(flat(book[0]!)).toMatch(/Reviewed on [A-Z][a-z]+ \d{1,2}, \d{4}/);
  });

  test('an English session page shows its translated neighbours’ English titles in the sidebar and prev/next', () => {
    const html = site.pages.get('/en/imagen-peru/genero-y-violencia/comunicacion/')!;
    const chrome = chromeOf(html).join(' | ');
    expect(chrome).toContain('Manual 1: Gender and violence');
    expect(chrome).not.toContain('Manual 1: Género y violencia');
    expect(chrome).not.toContain('Hablar y escuchar sin gritos');
  });

  test('an English session page’s safety box gives the directory’s services in English', () => {
    const html = site.pages.get('/en/imagen-peru/genero-y-violencia/violencia-no-es-normal/')!;
    // The national list (the district lists before it are the localities' own, not translated yet).
    const box =
      [...html.matchAll(/<ul class="safety-referrals">[\s\S]*?<\/ul>/g)]
        .map((m) => m[0])
        .find((list) => list.includes('<strong>Línea 100</strong>')) ?? '';
    expect(box).toContain('The State&#39;s phone line');
    expect(box).not.toContain('Línea telefónica del Estado');
    expect(box).not.toContain('Gratuito');
  });

  test('an address under /en/ that no page answers is an English 404 with the English menu', async () => {
    const response = await fetch(`${server.url}/en/no-such-page/`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('This page does not exist');
    expect(html).toContain('href="/en/"');
  });

  test('the coordinator screen is the screen itself, in English (test/field/coordinator.test.ts signs in)', () => {
    const html = site.pages.get('/en/coordinacion/')!;
    expect(html).toContain('<html lang="en"');
    expect(html).not.toContain('data-spanish-screen');
    expect(html).not.toContain('This screen is only in Spanish');
    expect(html).toContain('<h2>Sign in</h2>');
    expect(html).toMatch(/<button type="submit" class="primary"[^>]*>\s*Sign in\s*<\/button>/);
    expect(html).not.toMatch(/Iniciar sesión|Contraseña|Entrar/);
  });

  test('the attendance screen is the screen itself, in English (test/field/english-attendance.test.ts takes a roll call)', () => {
    const html = site.pages.get('/en/asistencia/')!;
    expect(html).toContain('<html lang="en"');
    expect(html).not.toContain('data-spanish-screen');
    expect(html).toContain('<button type="submit" id="save" class="primary">Save attendance</button>');
    expect(html).toMatch(
      /<script type="application\/json" id="field-words">\{"signIn\.failed":"The email or the password/,
    );
  });

  test('every English session page’s “Take attendance” opens the English screen on that session', () => {
    // The sessions translated into English: those with a page under content/docs/en/.
    const english = sourceCurriculum().sessions.filter((s) =>
      existsSync(join(projectRoot, s.file.replace('content/docs/', 'content/docs/en/'))),
    );
    expect(english.length).toBe(7); // manual 1, translated whole
    for (const session of english) {
      const html = site.pages.get(`/en/${session.slug}/`);
      expect(html, session.slug).toBeDefined();
      expect(html, session.slug).toContain(`href="/en/asistencia/?sesion=${session.id}"`);
      expect(html, session.slug).not.toContain('href="/asistencia/?sesion=');
    }
  });
});
