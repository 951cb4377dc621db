// The print views and the links to their PDFs in the built site (no browser needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { printJobs } from '../../src/print/jobs.ts';
import { pdfFiles, printPages } from '../../src/print/urls.ts';
import { builtPage, clientDir, sourceCurriculum } from '../support/built-site.ts';
import { sourceAidKits } from '../support/aid-kits.ts';
import { sourcePrintTranslations } from '../support/print-translations.ts';

const curriculum = sourceCurriculum();
const page = (url: string) => builtPage(url.replace(/^\/|\/$/g, ''));

test('the build lists exactly the curriculum’s print jobs for `npm run pdf`', () => {
  const manifest = JSON.parse(readFileSync(join(clientDir, printPages.manifest), 'utf8'));
  expect(manifest.jobs).toEqual(printJobs(curriculum, sourceAidKits(), sourcePrintTranslations()));
});

describe('English print views (under /en/print/, from the English pages)', () => {
  const english = sourcePrintTranslations().find((t) => t.lang === 'en')!;

  test('the English book is in English: its language, its English chapters, the English script, no Spanish page title', () => {
    const html = page(printPages.book('genero-y-violencia', 'en'));
    expect(html).toContain('<html lang="en"');
    const chapters = [...html.matchAll(/<section class="chapter session" id="sesion-([^"]+)">\s*<h1>([^<]+)<\/h1>/g)];
    expect(chapters.map((m) => m[1])).toEqual(english.sessions);
    expect(chapters.map((m) => m[2])).toContain('Session 4: Speaking and listening without shouting');
    expect(html).not.toContain('Hablar y escuchar sin gritos');
    expect(html).toContain(flatHtml(curriculum.referrals.confidentiality.translations!.en!.script[0]!));
  });

  test.each(english.sessions.map((id) => [id] as const))('the English card of session %s is in English', (id) => {
    const html = page(printPages.card(id, 'en'));
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(`data-session-id="${id}"`);
    expect(html).not.toContain('Preparar la sesión');
    expect(html).not.toContain(curriculum.sessions.find((s) => s.id === id)!.title);
  });

  test.each(english.handouts.map((id) => [id] as const))(
    'the large-print sheet %s: the Spanish view prints the Spanish page, the English view the English one',
    (id) => {
      // A translation keeps the handout's id and its path ends like the source's (…/en/imagen-peru/…/hojas/…).
      const body = (html: string) =>
        (html.match(/<article class="material">([\s\S]*?)<\/article>/)?.[1] ?? '').replace(/<h1>[^<]*<\/h1>/, '');
      const spanish = page(printPages.material(id));
      const inEnglish = page(printPages.material(id, 'en'));
      expect(spanish).toContain('<html lang="es"');
      expect(inEnglish).toContain('<html lang="en"');
      expect(body(spanish).length).toBeGreaterThan(200);
      expect(body(spanish)).not.toBe(body(inEnglish));
      // Spanish words the English sheets never use, and English ones the Spanish never use.
      expect(body(spanish)).not.toMatch(/\b(the|you|and)\b/);
      expect(body(inEnglish)).not.toMatch(/\b(el|usted|los|las)\b/);
    },
  );

  test('nothing is printed in English that English does not translate: no English book of an untranslated manual', () => {
    const lideresas = join(clientDir, printPages.book('lideresas', 'en'), 'index.html');
    expect(() => readFileSync(lideresas)).toThrow();
  });
});

/** Text as Astro writes it into HTML (apostrophes escaped). */
const flatHtml = (text: string) => text.replaceAll("'", '&#39;').replaceAll('"', '&quot;');

describe('print views', () => {
  test.each(curriculum.manuals.map((m) => [m.id, m] as const))(
    'the book of manual %s has a contents entry and a chapter for every session, in order',
    (_id, manual) => {
      const html = page(printPages.book(manual.id));
      const sessions = sessionsOfManual(curriculum, manual.id);
      const linked = [...html.matchAll(/<a href="#sesion-([^"]+)">/g)].map((m) => m[1]);
      const chapters = [...html.matchAll(/<section class="chapter session" id="sesion-([^"]+)">/g)].map((m) => m[1]);
      expect(linked).toEqual(sessions.map((s) => s.id));
      expect(chapters).toEqual(sessions.map((s) => s.id));
      for (const s of sessions) expect(html).toContain(`data-session-id="${s.id}"`);
    },
  );

  test.each(curriculum.sessions.map((s) => [s.id, s] as const))(
    'the card of session %s shows its panel, with the safety box when it touches violence',
    (_id, session) => {
      const html = page(printPages.card(session.id));
      expect(html).toContain(`data-session-id="${session.id}"`);
      expect(html.includes('class="safety"')).toBe(Boolean(session.safety));
    },
  );
});

describe('links to the PDFs', () => {
  test.each(curriculum.sessions.map((s) => [s.id, s] as const))(
    'the page of session %s links its card and its manual',
    (_id, session) => {
      const html = builtPage(session.slug);
      expect(html).toContain(`href="${pdfFiles.card(session.id)}"`);
      expect(html).toContain(`href="${pdfFiles.book(session.manual)}"`);
    },
  );

  test.each(curriculum.manuals.map((m) => [m.id, m] as const))(
    'the page of manual %s links its book in A4 and Letter and its handout',
    (_id, manual) => {
      const html = builtPage(manual.slug);
      for (const href of [pdfFiles.book(manual.id), pdfFiles.book(manual.id, 'letter'), pdfFiles.handout(manual.id)])
        expect(html).toContain(`href="${href}"`);
    },
  );
});
