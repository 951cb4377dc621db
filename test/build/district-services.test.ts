// Each session with a safety box has the district picker, which names the one file of every
// district's services in the page's language and the kinds of service the session refers to;
// the file holds exactly each locality's services, and its name is its content's hash (a phone
// keeps it for good); printed books have none; each locality has its sheet page.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LocalServicesFile } from '../../src/components/local-services/data.ts';
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
const servicesHref = (lang: string) =>
  `/servicios-locales/${readdirSync(join(clientDir, 'servicios-locales')).find((f) => f.startsWith(`${lang}.`) && f.endsWith('.json'))}`;
const servicesFile = (lang: string) =>
  JSON.parse(readFileSync(join(clientDir, servicesHref(lang)), 'utf8')) as LocalServicesFile;

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
    expect(picker).toMatch(
      /^data-locality-picker data-services-href="[^"]+" data-kinds="[^"]*" data-pagefind-ignore hidden>/,
    );
    const options = [...(picker ?? '').matchAll(/<option value="([^"]*)"(?: data-sheet="([^"]*)")?>/g)];
    expect(options.map((m) => m[1])).toEqual(['', ...localities.map((l) => l.id)]);
    expect(options.slice(1).map((m) => m[2])).toEqual(localities.map((l) => pdfFiles.district(l.id)));
  });

  test('carries no district’s services: it names the services file and the kinds of service it refers to', () => {
    const html = builtPage(slug);
    expect(html).not.toContain('data-locality="');
    const picker = group(html, 'data-locality-picker') ?? '';
    expect(/data-services-href="([^"]+)"/.exec(picker)?.[1]).toBe(servicesHref('es'));
    const kinds = /data-kinds="([^"]*)"/.exec(picker)?.[1];
    expect(kinds).toBe(
      referralPath(curriculum, session)
        .map((s) => s.key)
        .join(' '),
    );
    // The list is empty: the group ends right after its opening tag.
    expect(group(html, 'data-locality-services')).toBe('data-locality-services data-pagefind-ignore hidden>');
  });

  test.each(localities.map((l) => [l.id, l] as const))(
    'its kinds pick from the file, in %s, exactly the local offices of the services it refers to',
    (id, locality) => {
      const kinds = referralPath(curriculum, session).map((s) => s.key);
      const chosen = kinds.flatMap(
        (k) => servicesFile('es').localities[id]?.services.filter((s) => s.kind === k) ?? [],
      );
      expect(chosen.map((s) => s.name)).toEqual(
        localServicesFor(locality, referralPath(curriculum, session)).map((s) => s.name),
      );
    },
  );
});

describe('the services files', () => {
  const files = readdirSync(join(clientDir, 'servicios-locales')).filter((f) => f.endsWith('.json'));

  test('one per site language, each named by the first 10 hex digits of its content’s sha256', () => {
    expect(files.map((f) => f.split('.')[0]).sort()).toEqual(['en', 'es']);
    for (const f of files) {
      const hash = createHash('sha256')
        .update(readFileSync(join(clientDir, 'servicios-locales', f)))
        .digest('hex');
      expect(f, f).toBe(`${f.split('.')[0]}.${hash.slice(0, 10)}.json`);
    }
  });

  test('each holds every locality with its heading and exactly its services, in the directory’s order', () => {
    for (const lang of ['es', 'en']) {
      const file = servicesFile(lang);
      expect(Object.keys(file.localities)).toEqual(localities.map((l) => l.id));
      for (const l of localities) {
        expect(file.localities[l.id]?.heading).toBe(lang === 'es' ? `En ${l.district}` : `In ${l.district}`);
        expect(file.localities[l.id]?.services).toEqual(
          l.services.map((s) => ({ kind: s.kind, name: s.name, place: s.place })),
        );
      }
      expect(file.phone).toBe(lang === 'es' ? 'Teléfono' : 'Phone');
    }
  });

  test('an English page names the English file', () => {
    const [slug] = withSafety.map((s) => s.slug);
    expect(builtPage(`en/${slug}`)).toContain(`data-services-href="${servicesHref('en')}"`);
  });

  test('each programme’s offline copy holds the file its pages name', () => {
    for (const programme of curriculum.programmes) {
      const copy = JSON.parse(readFileSync(join(clientDir, 'offline', `${programme.id}.json`), 'utf8')) as {
        files: { url: string }[];
      };
      const urls = copy.files.map((f) => f.url).filter((u) => u.startsWith('/servicios-locales/'));
      expect(urls, programme.id).toEqual([servicesHref('es')]);
    }
  });
});

describe('printed pages', () => {
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
});
