// The safety box on paper: the card of a manual 1 session, the book of manual 1 and the safety
// plan sheet, printed by the renderer `npm run pdf` uses, in real Chromium, read back with
// pdftotext. They are written to a folder of their own (pdf-safety-test/), so this file and the
// full `npm run pdf` of test/print/pdfs.test.ts do not overwrite each other's PDFs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { confidentialityIn } from '../../src/curriculum/schemas/index.ts';
import { launchChromium } from '../../src/print/chromium.ts';
import { printJobs, type PrintJob } from '../../src/print/jobs.ts';
import { renderJobs, type Rendered } from '../../src/print/render.ts';
import { clientDir } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { flat } from '../support/pdf.ts';
import { subjects } from '../support/content-subjects.ts';

const { curriculum, organisation } = checkContent(projectRoot);
// The test's own folder: no test writes into the shared dist/ (other files read it meanwhile).
const OUT = mkdtempSync(join(tmpdir(), 'tejido-safety-pdf-'));
const { manual, sessions } = subjects(curriculum!);
const session = sessions[0]!;
const wanted = (job: PrintJob) =>
  (job.kind === 'card' && job.id === session.id) ||
  (job.kind === 'book' && job.id === manual.id && job.paper === 'a4') ||
  (job.kind === 'material' && job.id === organisation!.safetyPlanHandout);
const jobs = printJobs(curriculum!).filter(wanted);
const script = confidentialityIn(curriculum!.referrals.confidentiality, 'es').script;
let browser: Browser;
let rendered: Rendered[] = [];
/**
 * A PDF's text in reading order. Not `-layout` (test/support/pdf.ts): the card's two columns would
 * be interleaved line by line, and a sentence of the right column cut by the left one's.
 */
function textOf(kind: PrintJob['kind']): string {
  const file = rendered.find((r) => r.job.kind === kind)!.file;
  const run = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`pdftotext ${file} failed: ${run.stderr} — install poppler-utils (.ci/run does)`);
  return flat(run.stdout);
}

beforeAll(async () => {
  browser = await launchChromium();
  rendered = await renderJobs(browser, clientDir, jobs, 3, OUT);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(OUT, { recursive: true, force: true });
});

describe('printed safety boxes', () => {
  test('three PDFs are made: the card, the A4 book and the safety plan', () => {
    expect(rendered.map((r) => r.job.kind).sort()).toEqual(['book', 'card', 'material']);
  });

  test('the card of manual 1 session 1 still fits one page and carries the whole script', () => {
    const card = rendered.find((r) => r.job.kind === 'card')!;
    expect(card.pages).toBe(1);
    const text = textOf('card');
    for (const line of script) expect(text).toContain(flat(line));
    expect(text).toContain('Mi plan de seguridad');
  });

  test('the book of manual 1 prints the script once per session, 7 times', () => {
    const text = textOf('book');
    for (const line of script) expect(text.split(flat(line)).length - 1, line).toBe(7);
  });

  test('the safety plan prints on one sheet with its six items', () => {
    const plan = rendered.find((r) => r.job.kind === 'material')!;
    expect(plan.pages).toBe(1);
    const text = textOf('material');
    expect(text).toContain('Mi plan de seguridad');
    for (const item of [
      'A dónde iría.',
      'Una señal con mi vecina.',
      'Mis papeles y un poco de plata.',
      'Los números en la memoria.',
      'Quién cuida a mis hijos.',
      'Si él se entera.',
    ])
      expect(text).toContain(item);
  });
});
