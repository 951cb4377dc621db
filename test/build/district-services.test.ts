// The built pages carry every district's local services, hidden, for the picker to show: each
// session with a safety box has the picker and, per locality, exactly its local offices of the
// services that session refers to; printed books have none; each locality has its sheet page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { localServicesFor } from '../../src/curriculum/localities.ts';
import { referralPath } from '../../src/curriculum/resolve.ts';
import { pdfFiles, printPages } from '../../src/print/urls.ts';
import { builtPage, clientDir, sourceCurriculum } from '../support/built-site.ts';
import { subjects } from '../support/content-subjects.ts';

const curriculum = sourceCurriculum();
const localities = curriculum.referrals.localities ?? [];
const withSafety = curriculum.sessions.filter((s) => s.safety);
const built = (path: string) => readFileSync(join(clientDir, path, 'index.html'), 'utf8');

/** The HTML of the element that opens with this attribute, up to its closing </div>. */
function group(html: string, attribute: string): string | undefined {
  const start = html.indexOf(attribute);
  return start < 0 ? undefined : html.slice(start, html.indexOf('</div>', start));
}
const names = (html: string) => [...html.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]);

test('Peru has three localities, one per FINCA Perú region', () => {
  expect(localities.map((l) => `${l.region}/${l.province}/${l.district}`)).toEqual([
    'Apurímac/Abancay/Abancay',
    'Ayacucho/Huamanga/Ayacucho',
    'Huancavelica/Huancavelica/Huancavelica',
  ]);
  // No phone, hours, fare or travel time was verified for any of them: none is written.
  for (const service of localities.flatMap((l) => l.services))
    expect(Object.keys(service).sort(), service.key).toEqual(['key', 'kind', 'name', 'place']);
});

describe.each(withSafety.map((s) => [s.slug, s] as const))('the page of %s', (slug, session) => {
  test('has the hidden picker with one option per locality, linked to its sheet', () => {
    const html = builtPage(slug);
    const picker = group(html, 'data-locality-picker');
    expect(picker).toMatch(/data-locality-picker data-pagefind-ignore hidden>/);
    const options = [...(picker ?? '').matchAll(/<option value="([^"]*)"(?: data-sheet="([^"]*)")?>/g)];
    expect(options.map((m) => m[1])).toEqual(['', ...localities.map((l) => l.id)]);
    expect(options.slice(1).map((m) => m[2])).toEqual(localities.map((l) => pdfFiles.district(l.id)));
  });

  test.each(localities.map((l) => [l.id, l] as const))(
    'holds, hidden, the local offices in %s of the services it refers to',
    (id, locality) => {
      const expected = localServicesFor(locality, referralPath(curriculum, session)).map((s) => s.name);
      const html = group(builtPage(slug), `data-locality="${id}"`);
      if (expected.length === 0) return expect(html).toBeUndefined();
      expect(html).toMatch(new RegExp(`^data-locality="${id}" data-pagefind-ignore hidden>`));
      expect(names(html ?? '')).toEqual(expected);
    },
  );
});

test('a printed book has no picker and no local services (its annex has the national directory)', () => {
  const html = built(printPages.book(subjects(curriculum).manual.id));
  expect(html).not.toContain('data-locality');
});

test('the print manifest has one district job per locality and each has its page', () => {
  const manifest = JSON.parse(readFileSync(join(clientDir, printPages.manifest), 'utf8')) as {
    jobs: { kind: string; id: string }[];
  };
  expect(manifest.jobs.filter((j) => j.kind === 'district').map((j) => j.id)).toEqual(localities.map((l) => l.id));
  for (const locality of localities)
    expect(built(printPages.district(locality.id))).toContain(`data-locality-sheet-for="${locality.id}"`);
});
