// What a translation prints in its own language, and where: read from content/ and attacked with
// pages taken away or misplaced.
import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { printJobs } from '../../src/print/jobs.ts';
import { printsIn, printTranslations } from '../../src/print/translations.ts';
import { pdfFiles, printPages } from '../../src/print/urls.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { translatedPages } from '../support/print-translations.ts';

const curriculum = sourceCurriculum();
const { languages, pages } = translatedPages();
const manualOne = sessionsOfManual(curriculum, 'genero-y-violencia').map((s) => s.id);
/** Manual 1's sheets, all translated: the three to take home and the safety plan, in the curriculum's order. */
const sheets = ['hoja-apoyar-a-una-amiga', 'hoja-crianza-con-carino', 'hoja-plan-de-seguridad', 'hoja-yo-siento'];

describe('what the English side prints in English', () => {
  test('manual 1 (its page and its 7 sessions translated) gets an English book; its 7 sessions English cards; its 4 sheets theirs', () => {
    expect(languages).toEqual(['en']);
    expect(printTranslations(curriculum, pages, languages)).toEqual([
      { lang: 'en', manuals: ['genero-y-violencia'], sessions: manualOne, handouts: sheets },
    ]);
    expect(manualOne).toHaveLength(7);
    expect(curriculum.handouts.map((h) => h.id)).toEqual(sheets);
  });

  test('a manual with one session left untranslated gets no English book, and its other sessions keep their cards', () => {
    const without = pages.filter((p) => p.data.session?.id !== 'gv-comunicacion');
    const [en] = printTranslations(curriculum, without, languages);
    expect(en!.manuals).toEqual([]);
    expect(en!.sessions).toEqual(manualOne.filter((id) => id !== 'gv-comunicacion'));
  });

  test('a page outside the language’s folder counts for nothing, and a block with an unknown id is ignored', () => {
    const moved = pages.map((p) => ({ ...p, slug: p.slug.replace(/^en\//, 'fr/') }));
    expect(printTranslations(curriculum, moved, languages)).toEqual([
      { lang: 'en', manuals: [], sessions: [], handouts: [] },
    ]);
    const page = pages.find((p) => p.data.session)!;
    const stranger = { ...page, data: { ...page.data, session: { ...page.data.session!, id: 'no-such-session' } } };
    expect(printTranslations(curriculum, [stranger], languages)[0]!.sessions).toEqual([]);
  });

  test('printsIn answers only for the language that prints it, never for the default language', () => {
    const translations = printTranslations(curriculum, pages, languages);
    expect(printsIn(translations, 'en', 'sessions', 'gv-comunicacion')).toBe(true);
    expect(printsIn(translations, 'en', 'manuals', 'lideresas')).toBe(false);
    expect(printsIn(translations, undefined, 'sessions', 'gv-comunicacion')).toBe(false);
    expect(printsIn(translations, 'qu', 'sessions', 'gv-comunicacion')).toBe(false);
  });
});

describe('English addresses, declared once in urls.ts', () => {
  test('the default language keeps its addresses; a translation’s views are under /<lang>/print/, its PDFs under /pdf/<lang>/', () => {
    expect([pdfFiles.book('m'), pdfFiles.book('m', 'letter'), pdfFiles.card('s'), pdfFiles.handout('m')]).toEqual([
      '/pdf/m.pdf',
      '/pdf/letter/m.pdf',
      '/pdf/cards/s.pdf',
      '/pdf/handouts/m.pdf',
    ]);
    expect([
      pdfFiles.book('m', 'a4', 'en'),
      pdfFiles.book('m', 'letter', 'en'),
      pdfFiles.card('s', 'en'),
      pdfFiles.handout('m', 'en'),
      pdfFiles.material('h', 'en'),
    ]).toEqual([
      '/pdf/en/m.pdf',
      '/pdf/en/letter/m.pdf',
      '/pdf/en/cards/s.pdf',
      '/pdf/en/handouts/m.pdf',
      '/pdf/en/materials/h.pdf',
    ]);
    expect([printPages.book('m', 'en'), printPages.card('s', 'en'), printPages.material('h')]).toEqual([
      '/en/print/books/m/',
      '/en/print/cards/s/',
      '/print/materials/h/',
    ]);
  });

  test('printJobs adds exactly the English book (A4, Letter), help sheet, 7 cards and the 4 sheets, each tagged en, after the Spanish jobs', () => {
    const translations = printTranslations(curriculum, pages, languages);
    const spanish = printJobs(curriculum);
    const all = printJobs(curriculum, [], translations);
    expect(all.slice(0, spanish.length)).toEqual(spanish);
    const english = all.slice(spanish.length);
    expect(english.map((j) => [j.kind, j.lang, j.pdf])).toEqual([
      ['book', 'en', '/pdf/en/genero-y-violencia.pdf'],
      ['book', 'en', '/pdf/en/letter/genero-y-violencia.pdf'],
      ['handout', 'en', '/pdf/en/handouts/genero-y-violencia.pdf'],
      ...manualOne.map((id) => ['card', 'en', `/pdf/en/cards/${id}.pdf`]),
      ...sheets.map((id) => ['material', 'en', `/pdf/en/materials/${id}.pdf`]),
    ]);
    expect(new Set(all.map((j) => j.pdf)).size).toBe(all.length);
    expect(english.every((j) => j.page.startsWith('/en/print/'))).toBe(true);
  });
});
