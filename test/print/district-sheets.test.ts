// Each district's "where to get help" sheet, printed by the same renderer as `npm run pdf` from
// the real build in real Chromium and read back with poppler: one A4 page, the district in the
// title, its local services before the national ones, and no other district's services.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/print/chromium.ts';
import { printJobs } from '../../src/print/jobs.ts';
import { renderJobs, type Rendered } from '../../src/print/render.ts';
import { pageCount } from '../../src/print/pdf-info.ts';
import { pdfFiles } from '../../src/print/urls.ts';
import { clientDir, sourceCurriculum } from '../support/built-site.ts';
import { flat, paperOf, pdfPageTexts } from '../support/pdf.ts';

const curriculum = sourceCurriculum();
const localities = curriculum.referrals.localities ?? [];
let browser: Browser;
let rendered: Rendered[] = [];
// The test's own folder: no test writes into the shared dist/ (pdfs.test.ts checks dist/ is left alone).
const outDir = mkdtempSync(join(tmpdir(), 'tejido-district-pdf-'));

beforeAll(async () => {
  browser = await launchChromium();
  rendered = await renderJobs(
    browser,
    clientDir,
    printJobs(curriculum).filter((j) => j.kind === 'district'),
    3,
    outDir,
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

test('there is one print job per locality, at the address the picker links to', () => {
  expect(localities.map((l) => l.id)).toEqual([
    'apurimac-abancay-abancay',
    'ayacucho-huamanga-ayacucho',
    'huancavelica-huancavelica-huancavelica',
  ]);
  expect(rendered.map((r) => r.job.pdf).sort()).toEqual(localities.map((l) => pdfFiles.district(l.id)).sort());
});

describe.each(localities.map((l) => [l.id, l] as const))('the sheet of %s', (_id, locality) => {
  const file = () => join(outDir, pdfFiles.district(locality.id));

  test('is one A4 page', () => {
    expect(pageCount(file())).toBe(1);
    expect(paperOf(file())).toBe('A4');
  });

  test('names the district and lists its services first, then every national one', () => {
    const text = flat(pdfPageTexts(file()).join(' '));
    // The title wraps beside the organisation's name, so its words are read from the PDF's title.
    expect(spawnSync('pdfinfo', [file()], { encoding: 'utf8' }).stdout).toMatch(
      new RegExp(`^Title: +A dónde pedir ayuda en ${locality.district}$`, 'm'),
    );
    const national = text.indexOf('En todo el país');
    expect(national).toBeGreaterThan(-1);
    for (const service of locality.services) {
      const at = text.indexOf(flat(service.name));
      expect(at, service.name).toBeGreaterThan(-1);
      expect(at, `${service.name} comes before the national list`).toBeLessThan(national);
    }
    for (const service of curriculum.referrals.services)
      expect(text.slice(national), service.name).toContain(flat(service.name));
  });

  test("shows no other district's services", () => {
    const text = flat(pdfPageTexts(file()).join(' '));
    const others = localities.filter((l) => l.id !== locality.id).flatMap((l) => l.services);
    for (const service of others) expect(text, service.name).not.toContain(flat(service.name));
  });
});
