// `npm run pdf [-- --dist <folder>] [--out <folder>] [--lang <code>]`: prints every manual's book (A4 and US
// Letter), every session's card, every handout and every session's kit of visual aids of an
// existing build to PDF, under <dist>/client/pdf/, at the addresses the site already links to
// (../urls.ts). Run it after `npm run build`. `--out` writes them under <out>/pdf/ instead and
// leaves the build untouched: tests that share one dist/ each print into a folder of their own.
// `--lang` prints only one translation's PDFs (under /pdf/<lang>/ and /pdf/aids/<lang>/).
// Without Chromium or poppler it says how to install them in one line and exits 0: the site
// works without its PDFs. A card that does not fit one page fails the run, naming the session;
// so does a kit of aids whose sheets are not the ones its items need, or whose words spill out
// of a box; so does a book whose help sheet takes more than one page, whose safety box or agenda
// is split across pages, or with a page holding a single line (../holds.ts).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CHROMIUM, chromiumInstalled, launchChromium } from '../chromium.ts';
import type { PrintJob } from '../jobs.ts';
import { pdfinfoInstalled } from '../pdf-info.ts';
import { renderJobs } from '../render.ts';
import { printPages } from '../urls.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, out: { type: 'string' }, lang: { type: 'string' } },
});
const clientDir = join(resolve(values.dist), 'client');
const outDir = values.out ? resolve(values.out) : clientDir;
const manifest = join(clientDir, printPages.manifest);
if (!existsSync(manifest)) {
  console.error(
    `pdf: ${relative(process.cwd(), manifest)} not found — build the site first (npm run build, or astro build --outDir ${values.dist})`,
  );
  process.exit(1);
}

const missing = [
  !chromiumInstalled() && `Chromium (${CHROMIUM})`,
  !pdfinfoInstalled() && 'pdfinfo',
  !(await import('playwright-core').then(
    () => true,
    () => false,
  )) && 'playwright-core (npm install)',
].filter(Boolean);
if (missing.length) {
  console.log(
    `pdf: skipped, ${missing.join(' and ')} not found — install with \`apt-get install ` +
      `-y chromium poppler-utils\` (or set CHROMIUM_PATH), then run \`npm run pdf\` again.`,
  );
  process.exit(0);
}

const { jobs: all } = JSON.parse(readFileSync(manifest, 'utf8')) as { jobs: PrintJob[] };
// `--lang en`: only one translation's PDFs (its books, cards, sheets and kits), e.g. to check the English side quickly.
const jobs = values.lang ? all.filter((job) => job.lang === values.lang) : all;
if (values.lang && !jobs.length) {
  console.error(
    `pdf: this build prints nothing in "${values.lang}": no job of ${printPages.manifest} is in that language`,
  );
  process.exit(1);
}
const started = performance.now();
// The folder holds exactly this run's PDFs: none left from sessions since removed. One language's run
// (--lang) leaves the others' PDFs alone.
if (!values.lang) rmSync(join(outDir, 'pdf'), { recursive: true, force: true });
const browser = await launchChromium();
try {
  const rendered = await renderJobs(browser, clientDir, jobs, 3, outDir);
  // Cards and handouts are one sheet each: one that runs over fails, naming it.
  const overflowing = rendered.filter(
    (r) => ['card', 'material', 'district', 'handout'].includes(r.job.kind) && r.pages !== 1,
  );
  // A translation's PDF names its language: "gv-comunicacion" (en).
  const inLang = (r: { job: PrintJob }) => (r.job.lang ? ` (${r.job.lang})` : '');
  for (const r of overflowing)
    console.error(
      r.job.kind === 'card'
        ? `pdf: the card of session "${r.job.id}"${inLang(r)} takes ${r.pages} pages — ` +
            'shorten its materials, notes or safety steps, or tighten src/print/styles/card.css'
        : r.job.kind === 'district'
          ? `pdf: the help sheet of district "${r.job.id}" takes ${r.pages} pages — ` +
            'shorten its services in content/referrals/, or tighten src/print/styles/help.css'
          : r.job.kind === 'handout'
            ? `pdf: the help sheet of manual "${r.job.id}"${inLang(r)} takes ${r.pages} pages even at 85 % — ` +
              'shorten the services in content/referrals/, or tighten src/print/styles/help.css'
            : `pdf: the handout "${r.job.id}"${inLang(r)} takes ${r.pages} pages — shorten its text to fit one sheet`,
    );
  // A kit of aids has exactly the sheets its items need, and every word inside its box.
  const badKits = rendered.filter((r) => r.job.kind === 'aids' && (r.pages !== r.job.sheets || r.overflowing?.length));
  for (const r of badKits)
    console.error(
      r.overflowing?.length
        ? `pdf: the aids of session "${r.job.id}"${r.job.lang ? ` (${r.job.lang})` : ''} have text that does not ` +
            `fit its box — shorten it: ${r.overflowing.join('; ')}`
        : `pdf: the aids of session "${r.job.id}"${r.job.lang ? ` (${r.job.lang})` : ''} take ${r.pages} pages ` +
            `instead of ${r.job.sheets} — tighten src/print/styles/aids.css`,
    );
  // A book holds: its help sheet on one page, no safety box or agenda split, no line alone on a page.
  const bookFaults = rendered
    .filter((r) => r.job.kind === 'book')
    .flatMap((r) => {
      const book = `the ${r.job.paper === 'a4' ? 'A4' : 'Letter'} book of manual "${r.job.id}"${inLang(r)}`;
      return [
        ...((r.sheetPages ?? 1) > 1
          ? [
              `pdf: in ${book}, the help sheet takes ${r.sheetPages} pages even at 85 % — shorten the services ` +
                'in content/referrals/, or tighten src/print/styles/book.css (.handout-page)',
            ]
          : []),
        ...(r.split ?? []).map((s) => `pdf: in ${book}, a block must stay on one page but does not: ${s} — shorten it`),
        ...(r.loneLines?.length
          ? [
              `pdf: in ${book}, page${r.loneLines.length > 1 ? 's' : ''} ${r.loneLines.join(', ')} hold a single ` +
                'line — adjust src/print/styles/book.css (orphans, widows, breaks)',
            ]
          : []),
      ];
    });
  for (const fault of bookFaults) console.error(fault);
  const count = (kind: PrintJob['kind']) => rendered.filter((r) => r.job.kind === kind).length;
  const translated = rendered.filter((r) => r.job.lang && r.job.kind !== 'aids').length;
  console.log(
    `pdf: ${rendered.length} PDFs (${count('book')} books, ${count('card')} cards, ${count('handout')} help sheets, ` +
      `${count('material')} handouts, ${count('district')} district sheets, ${count('aids')} kits of aids; ` +
      `${translated} of the books, cards and sheets in a translation) in ` +
      `${relative(process.cwd(), join(outDir, 'pdf')) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (overflowing.length || badKits.length || bookFaults.length) process.exitCode = 1;
} finally {
  await browser.close();
}
