// `npm run pdf` on the real build, in real Chromium: every card, book and handout, checked
// with poppler. The PDFs are made once, before the tests, and shared by all of them.
import { spawnSync } from 'node:child_process';
import { globSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { referralPath, sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { sessionAnchor } from '../../src/print/book.ts';
import { printJobs } from '../../src/print/jobs.ts';
import { helpHandoutServices } from '../../src/print/handouts.ts';
import { destinations, pageCount } from '../../src/print/pdf-info.ts';
import { pdfFiles } from '../../src/print/urls.ts';
import { clientDir, distDir, sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { flat, pageSizes, paperOf, pdfPageTexts, pdfPageTextsInOrder, pdfWords } from '../support/pdf.ts';
import { expectedSheets, sourceAidKits } from '../support/aid-kits.ts';
import { subjects } from '../support/content-subjects.ts';
import { sourcePrintTranslations, translatedPages, uiStrings } from '../support/print-translations.ts';
import { serviceIn } from '../../src/curriculum/schemas/index.ts';

const curriculum = sourceCurriculum();
/** The first manual of the first programme that works on violence (test/support/content-subjects.ts). */
const firstManual = subjects(curriculum).manual.id;
const kits = sourceAidKits();
const translations = sourcePrintTranslations();
const english = translations.find((t) => t.lang === 'en')!;
const { pages: translated } = translatedPages();
/** Interface strings by language: `undefined` is the default language (Spanish). */
const strings = { es: uiStrings('es'), en: uiStrings('en') };
const stringsOf = (lang: string | undefined) => (lang === 'en' ? strings.en : strings.es);
/** A manual's or session's title in a language: its translated page's, or the source's. */
function titleIn(lang: string | undefined, kind: 'manual' | 'session', id: string): string {
  if (lang) return translated.find((p) => p.slug.startsWith(`${lang}/`) && p.data[kind]?.id === id)!.data.title;
  const source = kind === 'manual' ? curriculum.manuals : curriculum.sessions;
  return source.find((entry) => entry.id === id)!.title;
}
/** Every book: each manual in A4 and Letter, then each manual a translation prints whole, in its language. */
const allBooks = [
  ...curriculum.manuals.map((m) => ({ manual: m, lang: undefined as string | undefined })),
  ...translations.flatMap((t) =>
    t.manuals.map((id) => ({
      manual: curriculum.manuals.find((m) => m.id === id)!,
      lang: t.lang as string | undefined,
    })),
  ),
].flatMap(({ manual, lang }) =>
  (['a4', 'letter'] as const).map((paper) => [`${manual.id}${lang ? ` (${lang})` : ''}`, paper, manual, lang] as const),
);
// The PDFs go to a folder of this test's own (--out): dist/ is shared with tests that copy it
// (test/field/new-version.test.ts), so no test writes into it.
const outDir = mkdtempSync(join(tmpdir(), 'tejido-pdfs-'));
const fileOf = (pdf: string) => join(outDir, pdf);
let output = '';
/** What dist/client/pdf held before the run (empty after a build; PDFs of `npm start` otherwise). */
const builtPdfs = () =>
  globSync('pdf/**/*.pdf', { cwd: clientDir }).map((f) => [f, statSync(join(clientDir, f)).mtimeMs]);
let before: ReturnType<typeof builtPdfs> = [];

beforeAll(() => {
  before = builtPdfs();
  const args = ['src/print/cli/pdf.ts', '--dist', distDir, '--out', outDir];
  const run = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8' });
  output = run.stdout + run.stderr;
  // A card that takes two pages fails the run and is reported by its own test below.
  if (
    run.status !== 0 &&
    !/card of session|the handout|the aids of session|book of manual|help sheet of manual/.test(output)
  )
    throw new Error(`npm run pdf failed (${run.status}):\n${output}`);
}, 300_000);

test('npm run pdf makes exactly one PDF per job of the curriculum, says how many, and leaves dist/ alone', () => {
  const jobs = printJobs(curriculum, kits, translations);
  expect(output).toContain(`pdf: ${jobs.length} PDFs`);
  const made = globSync('pdf/**/*.pdf', { cwd: outDir })
    .map((f) => `/${f}`)
    .sort();
  expect(made).toEqual(jobs.map((job) => job.pdf).sort());
  // A sheet is one page, a kit of aids has the sheets its items need: exact counts, not "a PDF exists".
  const sized = jobs.filter((job) => job.kind !== 'book' && job.kind !== 'handout');
  expect(sized.map((job) => [job.pdf, pageCount(fileOf(job.pdf))])).toEqual(
    sized.map((job) => [job.pdf, job.kind === 'aids' ? job.sheets : 1]),
  );
  expect(builtPdfs()).toEqual(before);
});

describe('session cards', () => {
  test.each(curriculum.sessions.map((s) => [s.id, s] as const))(
    'the card of session %s fits one page',
    (_id, session) => {
      const file = fileOf(pdfFiles.card(session.id));
      expect(pageCount(file), `the card of session "${session.id}" (${session.file}) does not fit one page`).toBe(1);
      const text = flat(pdfPageTexts(file).join(' '));
      expect(text).toContain(flat(session.title));
      for (const step of session.agenda) expect(text).toContain(`${step.minutes} min`);
    },
  );
});

describe('handouts written as content', () => {
  test('at least one session gives participants a handout', () => {
    expect(curriculum.handouts.length).toBeGreaterThan(0);
    expect(curriculum.sessions.some((s) => s.handouts.length > 0)).toBe(true);
  });

  test.each(curriculum.handouts.map((h) => [h.id, h] as const))(
    'handout %s prints on one page with its title',
    (_id, handout) => {
      const file = fileOf(pdfFiles.material(handout.id));
      expect(pageCount(file), `the handout "${handout.id}" (${handout.file}) does not fit one page`).toBe(1);
      expect(flat(pdfPageTexts(file).join(' '))).toContain(flat(handout.title));
    },
  );
});

describe('manuals as books', () => {
  const books = allBooks;

  test.each(books)(
    'the book of manual %s (%s) lists every session in the contents, with the page it starts on',
    (_id, paper, manual, lang) => {
      const pages = pdfPageTexts(fileOf(pdfFiles.book(manual.id, paper, lang)));
      const heading = stringsOf(lang)['tejido.print.contents']!;
      const contentsAt = pages.findIndex((p) => new RegExp(`^\\s*${escape(heading)}\\s*$`, 'm').test(p));
      expect(contentsAt, 'a contents page').toBeGreaterThan(0);
      const contents = flat(pages[contentsAt]!);
      const manualTitle = titleIn(lang, 'manual', manual.id);
      const starts = sessionsOfManual(curriculum, manual.id).map((session) => {
        const title = titleIn(lang, 'session', session.id);
        const entry = new RegExp(`${escape(flat(title))} (\\d+)`).exec(contents);
        expect(entry, `contents entry for "${title}"`).not.toBeNull();
        const start = Number(entry![1]);
        // The session's chapter opens on that page: its title right under the running head.
        expect(flat(pages[start - 1] ?? ''), `page ${start} should open "${title}"`).toMatch(
          new RegExp(`^${escape(flat(manualTitle))} ${escape(flat(title))}`),
        );
        return start;
      });
      expect(starts, 'sessions in the manual’s order').toEqual([...starts].sort((a, b) => a - b));
      expect(new Set(starts).size).toBe(starts.length);
    },
  );

  test.each(books)(
    'the book of manual %s (%s) is on that paper, numbers its pages and contains every session title',
    (_id, paper, manual, lang) => {
      const file = fileOf(pdfFiles.book(manual.id, paper, lang));
      expect(paperOf(file)).toBe(paper === 'a4' ? 'A4' : 'letter');
      const pages = pdfPageTexts(file);
      // The cover and its back carry no number; every other page says "n / total" at its foot.
      pages
        .slice(2)
        .forEach((text, i) => expect(flat(text), `page ${i + 3}`).toMatch(new RegExp(` ${i + 3} / ${pages.length}$`)));
      const all = flat(pages.join(' '));
      for (const session of sessionsOfManual(curriculum, manual.id))
        expect(all).toContain(flat(titleIn(lang, 'session', session.id)));
    },
  );
});

describe('handouts', () => {
  test.each(curriculum.manuals.map((m) => [m.id] as const))(
    'the "where to get help" sheet of manual %s fits one page and lists its services',
    (manualId) => {
      const file = fileOf(pdfFiles.handout(manualId));
      expect(pageCount(file)).toBe(1);
      const text = flat(pdfPageTexts(file).join(' '));
      for (const service of helpHandoutServices(curriculum, manualId)) expect(text).toContain(flat(service.name));
    },
  );
});

test('the first page of manual 1’s book and the fullest card of manual 1 are saved as PNGs for a person to look at', () => {
  const out = join(projectRoot, 'test-results');
  mkdirSync(out, { recursive: true });
  const fullest = sessionsOfManual(curriculum, firstManual).sort(
    (a, b) => (b.safety?.referral.length ?? 0) - (a.safety?.referral.length ?? 0),
  )[0]!;
  for (const [pdf, png] of [
    [pdfFiles.book(firstManual), `print-book-${firstManual}`],
    [pdfFiles.card(fullest.id), `print-card-${fullest.id}`],
  ] as const) {
    const run = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      fileOf(pdf),
      join(out, png),
    ]);
    expect(run.status, String(run.stderr)).toBe(0);
  }
});

describe('short versions and crowd notes on the cards', () => {
  test.each(sessionsOfManual(curriculum, firstManual).map((s) => [s.order, s] as const))(
    'the one-page card of manual 1 session %i prints its short version: kept and shortened steps, not the dropped ones',
    (_order, session) => {
      expect(pageCount(fileOf(pdfFiles.card(session.id)))).toBe(1);
      const short = readingText(fileOf(pdfFiles.card(session.id)));
      expect(short).toContain(`VERSIÓN CORTA: ${session.shortVersion!.minutes} MIN`);
      const steps = session.shortVersion!.steps;
      for (const entry of steps) {
        const step = session.agenda[entry.step - 1]!;
        if (entry.action === 'keep')
          expect(short).toContain(`${entry.step}. ${step.title} · completo, ${step.minutes} min`);
        if (entry.action === 'shorten')
          expect(short).toContain(`${entry.step}. ${step.title} · ${entry.minutes} de ${step.minutes} min`);
        if (entry.action === 'drop') expect(short).not.toContain(`${entry.step}. ${step.title} ·`);
      }
    },
  );

  test('the card of manual 1 session 1 prints how to split the group for the yarn web', () => {
    const text = readingText(fileOf(pdfFiles.card('gv-espacio-de-confianza')));
    expect(text).toContain('Grupo grande: Con más de 20 socias, formen dos ruedas con un ovillo cada una.');
  });
});

/** A PDF's text in reading order (pdftotext without -layout: the card's two columns one after the other). */
function readingText(file: string): string {
  const run = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext ${file} failed: ${run.stderr}`);
  return flat(run.stdout);
}

/** A string as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('kits of printable aids', () => {
  const manualOne = sessionsOfManual(curriculum, firstManual);
  const kitOf = (id: string, lang?: string) => kits.find((k) => k.sessionId === id && k.lang === lang);
  const label = (k: (typeof kits)[number]) => `${k.sessionId}${k.lang ? ` (${k.lang})` : ''}`;

  test('every session of manual 1 has its kit in Spanish and in English; npm run pdf says how many kits', () => {
    expect(manualOne).toHaveLength(7);
    for (const s of manualOne)
      for (const lang of [undefined, 'en']) expect(kitOf(s.id, lang), `${s.id} ${lang ?? 'es'}`).toBeDefined();
    expect(kits).toHaveLength(14);
    expect(output).toContain(', 14 kits of aids; 14 of the books, cards and sheets in a translation) in');
  });

  const eachKit = test.each(kits.map((k) => [label(k), k] as const));
  eachKit('the kit of %s has exactly the sheets its items need and every text on them', (_l, kit) => {
    const file = fileOf(pdfFiles.aids(kit.sessionId, kit.lang));
    const sheets = kit.aids.reduce((n, aid) => n + expectedSheets(aid), 0);
    expect(pageCount(file), `${file}`).toBe(sheets);
    // A line may break after a hyphen ("mother-in-" / "law"): join those back.
    const pages = pdfPageTextsInOrder(file).map((p) => flat(p).replace(/- /g, '-'));
    let at = 0;
    for (const aid of kit.aids) {
      // Each aid starts on a sheet of its own, and each of its texts is on one of its sheets.
      const own = pages.slice(at, at + expectedSheets(aid)).join(' ');
      for (const item of aid.items) expect(own, `${aid.id}: "${item.text}"`).toContain(flat(item.text));
      at += expectedSheets(aid);
    }
  });

  eachKit('the kit of %s is A4, signs landscape, type ≥ 28 pt (cards, pictograms) and ≥ 120 pt (signs)', (_l, kit) => {
    const file = fileOf(pdfFiles.aids(kit.sessionId, kit.lang));
    const sizes = pageSizes(file).map(([w, h]) => [Math.round(w), Math.round(h)]);
    const words = pdfWords(file);
    let page = 0;
    for (const aid of kit.aids) {
      for (let sheet = 0; sheet < expectedSheets(aid); sheet++) {
        page++;
        expect(sizes[page - 1], `${aid.id} sheet ${sheet + 1}`).toEqual(aid.kind === 'sign' ? [842, 595] : [595, 842]);
        // Below the small running head (the top 45 pt), every word is set in the aid's large type:
        // a word's box is at least as tall as its font size.
        const body = words.filter((w) => w.page === page && w.yMin > 45);
        expect(body.length, `${aid.id} sheet ${sheet + 1} has words`).toBeGreaterThanOrEqual(1);
        const smallest = Math.min(...body.map((w) => w.yMax - w.yMin));
        expect(smallest, `${aid.id} sheet ${sheet + 1}`).toBeGreaterThanOrEqual(aid.kind === 'sign' ? 120 : 28);
      }
    }
  });

  test('the kits print with little ink: on every sheet at most 12 % of the paper is dark, 5 % on average', () => {
    const worst: { sheet: string; ink: number }[] = [];
    for (const kit of kits) {
      const file = fileOf(pdfFiles.aids(kit.sessionId, kit.lang));
      for (let page = 1; page <= pageCount(file); page++)
        worst.push({ sheet: `${label(kit)} p. ${page}`, ink: inkCoverage(file, page) });
    }
    worst.sort((a, b) => b.ink - a.ink);
    const mean = worst.reduce((n, s) => n + s.ink, 0) / worst.length;
    const percent = (ink: number) => `${(ink * 100).toFixed(1)} %`;
    const darkest = `${worst[0]!.sheet}, ${percent(worst[0]!.ink)}`;
    console.log(`aids: ${worst.length} sheets, ${percent(mean)} dark on average; darkest ${darkest}`);
    expect(worst[0]!.ink).toBeLessThanOrEqual(0.12);
    expect(mean).toBeLessThanOrEqual(0.05);
  });
});

/** The share of a PDF page that prints dark (grey below 50 %), from a 30 dpi greyscale rendering. */
function inkCoverage(file: string, page: number): number {
  const args = ['-gray', '-r', '30', '-f', String(page), '-l', String(page), file];
  const run = spawnSync('pdftoppm', args, { maxBuffer: 1 << 24 });
  const pgm = run.stdout as Buffer;
  // A binary PGM: "P5\n<w> <h>\n255\n" and then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error(`pdftoppm gave no greyscale image of ${file} page ${page}`);
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  return dark / pixels.length;
}

// Print that holds (issue 15, item 4), read back from the PDFs `npm run pdf` made above.
describe('books that hold together on paper', () => {
  const books = allBooks;
  const es = strings.es;
  /** One page's text in drawing order (pdftotext -raw), white space flattened. */
  const rawPage = (file: string, page: number) => {
    const run = spawnSync('pdftotext', ['-raw', '-f', String(page), '-l', String(page), file, '-'], {
      encoding: 'utf8',
    });
    return flat(run.stdout);
  };

  test.each(books)(
    'the help sheet of manual %s (%s) is one page, the last, with all its services',
    (_id, paper, manual, lang) => {
      const file = fileOf(pdfFiles.book(manual.id, paper, lang));
      const pages = pdfPageTexts(file);
      const first = destinations(file).get('hoja')!;
      expect(
        pages.length - first + 1,
        `the help sheet of "${manual.id}" starts on page ${first} of ${pages.length}`,
      ).toBe(1);
      const sheet = flat(pages.at(-1)!);
      expect(sheet).toContain(stringsOf(lang)['tejido.help.title']);
      for (const service of helpHandoutServices(curriculum, manual.id))
        expect(sheet).toContain(flat(serviceIn(service, lang).name));
    },
  );

  test.each(books)('no page of the book of manual %s (%s) holds a single line of text', (_id, paper, manual, lang) => {
    // A page's body: its text without the running head (the manual's title) and the page number.
    const head = flat(titleIn(lang, 'manual', manual.id));
    const lonely = pdfPageTexts(fileOf(pdfFiles.book(manual.id, paper, lang))).flatMap((text, i) => {
      const lines = text
        .split('\n')
        .map(flat)
        .filter((l) => l && l !== head && !/^\d+ ?\/ ?\d+$/.test(l));
      return lines.length === 1 ? [`page ${i + 1}: ${lines[0]}`] : [];
    });
    expect(lonely).toEqual([]);
  });

  test.each(books)('every safety box of the book of manual %s (%s) is on one page', (_id, paper, manual, lang) => {
    const file = fileOf(pdfFiles.book(manual.id, paper, lang));
    const t = stringsOf(lang);
    const dests = destinations(file);
    const sessions = sessionsOfManual(curriculum, manual.id);
    const ends = [...sessions.slice(1).map((s) => dests.get(sessionAnchor(s.id))! - 1), dests.get('glosario')! - 1];
    const boxes = sessions.flatMap((session, i) => {
      if (!session.safety) return [];
      const services = referralPath(curriculum, session);
      const last = serviceIn(services.at(-1)!, lang);
      // The box opens with its title and the script's heading, and ends with its last service's hours and cost.
      const start = flat(`${t['tejido.safety.title']} ${t['tejido.safety.script']}`);
      const end = flat(`${last.hours} · ${last.cost}`);
      const chapter = Array.from(
        { length: ends[i]! - dests.get(sessionAnchor(session.id))! + 1 },
        (_, k) => dests.get(sessionAnchor(session.id))! + k,
      );
      const on = chapter.filter((page) => rawPage(file, page).includes(start));
      expect(on, `the safety box of "${session.id}" is printed once`).toHaveLength(1);
      const page = rawPage(file, on[0]!);
      const whole = page.indexOf(end, page.indexOf(start)) > 0;
      return [{ session: session.id, pages: whole ? [on[0]] : [on[0], on[0]! + 1] }];
    });
    expect(boxes.length, 'one box per session that touches violence').toBe(sessions.filter((s) => s.safety).length);
    expect(boxes.filter((b) => b.pages.length > 1)).toEqual([]);
  });

  test('npm run pdf finds no safety box or agenda split in any book, nor any other fault of a book', () => {
    // The run reads every box and agenda back from the PDF (src/print/holds.ts); here it must report none.
    expect(output).not.toMatch(/must stay on one page|book of manual/);
  });

  test('no PDF prints a placeholder address (example.org, .example): the colophon and cards leave the line out', () => {
    const pdfs = readdirSync(join(outDir, 'pdf'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.pdf'),
    );
    expect(pdfs.length).toBe(printJobs(curriculum, kits, translations).length);
    const placeholders = pdfs.filter((f) =>
      /example\.(org|com|net)|\.example\b/i.test(flat(pdfPageTexts(join(outDir, 'pdf', f)).join(' '))),
    );
    expect(placeholders).toEqual([]);
    const colophon = flat(pdfPageTexts(fileOf(pdfFiles.book(curriculum.manuals[0]!.id)))[1]!);
    expect(colophon).not.toContain(es['tejido.print.online']);
    expect(colophon).not.toContain(es['tejido.print.contact']);
  });
});

// The English manual on paper (issue 15): English PDFs for what the English side translates, in English words.
describe('English PDFs of the English manual', () => {
  /** Spanish interface strings that English words differently and that a print view shows. */
  const spanishOnly = [
    'tejido.prepare.title',
    'tejido.prepare.objectives',
    'tejido.prepare.agenda',
    'tejido.prepare.materials',
    'tejido.prepare.keyMessages',
    'tejido.safety.title',
    'tejido.help.title',
    'tejido.print.contents',
    'tejido.print.directory',
  ]
    .filter((key) => strings.es[key] !== strings.en[key])
    .map((key) => strings.es[key]!);

  test('manual 1’s 7 sessions have English cards, manual 1 an English book and help sheet, its 4 sheets theirs: 14 PDFs under /pdf/en/', () => {
    expect(english.sessions).toEqual(sessionsOfManual(curriculum, 'genero-y-violencia').map((s) => s.id));
    expect(english.manuals).toEqual(['genero-y-violencia']);
    expect(globSync('pdf/en/**/*.pdf', { cwd: outDir }).sort()).toEqual(
      [
        'pdf/en/genero-y-violencia.pdf',
        'pdf/en/letter/genero-y-violencia.pdf',
        'pdf/en/handouts/genero-y-violencia.pdf',
        'pdf/en/materials/hoja-apoyar-a-una-amiga.pdf',
        'pdf/en/materials/hoja-crianza-con-carino.pdf',
        'pdf/en/materials/hoja-plan-de-seguridad.pdf',
        'pdf/en/materials/hoja-yo-siento.pdf',
        ...english.sessions.map((id) => `pdf/en/cards/${id}.pdf`),
      ].sort(),
    );
    expect(english.handouts).toEqual([
      'hoja-apoyar-a-una-amiga',
      'hoja-crianza-con-carino',
      'hoja-plan-de-seguridad',
      'hoja-yo-siento',
    ]);
  });

  test.each(english.sessions.map((id) => [id] as const))(
    'the English card of session %s is one page, in English, with its English title and every step’s minutes',
    (id) => {
      const file = fileOf(pdfFiles.card(id, 'en'));
      expect(pageCount(file), `the English card of "${id}"`).toBe(1);
      const text = flat(pdfPageTexts(file).join(' '));
      expect(text).toContain(flat(titleIn('en', 'session', id)));
      expect(text).not.toContain(flat(titleIn(undefined, 'session', id)));
      // The card sets its headings in capitals, and leaves out the panel's own title.
      const lower = text.toLowerCase();
      for (const key of ['tejido.prepare.objectives', 'tejido.prepare.agenda', 'tejido.prepare.keyMessages'])
        expect(lower).toContain(strings.en[key]!.toLowerCase());
      for (const label of spanishOnly)
        expect(lower, `«${label}» on the English card of ${id}`).not.toContain(label.toLowerCase());
      for (const step of curriculum.sessions.find((s) => s.id === id)!.agenda)
        expect(text).toContain(`${step.minutes} min`);
    },
  );

  test('the English help sheet is one page and gives every service in English, none of the Spanish descriptions', () => {
    const file = fileOf(pdfFiles.handout('genero-y-violencia', 'en'));
    expect(pageCount(file)).toBe(1);
    const text = flat(pdfPageTexts(file).join(' '));
    expect(text).toContain(strings.en['tejido.help.title']);
    for (const service of helpHandoutServices(curriculum, 'genero-y-violencia')) {
      const en = serviceIn(service, 'en');
      expect(text).toContain(flat(en.name));
      expect(en.what).not.toBe(service.what);
      expect(text).not.toContain(flat(service.what));
    }
  });

  test('the English book speaks English: its interface words, the English script, no Spanish label', () => {
    const text = flat(pdfPageTexts(fileOf(pdfFiles.book('genero-y-violencia', 'a4', 'en'))).join(' '));
    for (const key of ['tejido.print.contents', 'tejido.print.introduction', 'tejido.manual.glossary'])
      expect(text).toContain(strings.en[key]);
    const script = curriculum.referrals.confidentiality.translations!.en!.script;
    expect(text.split(flat(script[0]!)).length - 1, 'the English script, once per session').toBe(7);
    expect(text).not.toContain(flat(curriculum.referrals.confidentiality.script[0]!));
    for (const label of spanishOnly) expect(text, `«${label}» in the English book`).not.toContain(label);
  });

  test('the English safety plan is one large-print page in English', () => {
    const file = fileOf(pdfFiles.material('hoja-plan-de-seguridad', 'en'));
    expect(pageCount(file)).toBe(1);
    const text = flat(pdfPageTexts(file).join(' '));
    expect(text).toContain('My safety plan');
    expect(text).toContain('Línea 100');
    expect(text).not.toContain('Mi plan de seguridad');
  });

  test('the Spanish book is still Spanish: the detector above is not blind', () => {
    const text = flat(pdfPageTexts(fileOf(pdfFiles.book('genero-y-violencia'))).join(' '));
    expect(spanishOnly.filter((label) => !text.includes(label))).toEqual([]);
  });
});
