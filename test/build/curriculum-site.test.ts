import * as cheerio from 'cheerio';
import { describe, expect, test } from 'vitest';
import { manualsOfProgramme, sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';
import { subjects } from '../support/content-subjects.ts';
import enStrings from '../../content/i18n/en.json' with { type: 'json' };
import { readVocabulary } from '../../src/curriculum/load/vocabulary.ts';
import { projectRoot } from '../support/content-root.ts';

const curriculum = sourceCurriculum();
const en = enStrings as Record<string, string>;
/** The methods' labels, from the organisation's vocabulary (content/vocabulary.yaml). */
const methods = readVocabulary(projectRoot).data?.methods ?? {};
/** A built page, parsed: the tests read its structure, not its markup's spelling. */
const page = (slug: string) => cheerio.load(builtPage(slug));

describe('the whole curriculum in the built site', () => {
  // Which manuals and programmes the organisation has is a content test (test/curriculum/organisation-content.test.ts).
  test('builds every programme with its manuals in the programme’s order', () => {
    for (const programme of curriculum.programmes) {
      const links = page(programme.slug)('main a')
        .toArray()
        .map((a) => a.attribs.href);
      const manuals = manualsOfProgramme(curriculum, programme.id).map((m) => `/${m.slug}/`);
      expect(
        manuals.map((href) => links.indexOf(href)).every((at) => at >= 0),
        programme.id,
      ).toBe(true);
      expect(
        manuals.map((href) => links.indexOf(href)),
        programme.id,
      ).toEqual(manuals.map((href) => links.indexOf(href)).sort((a, b) => a - b));
    }
  });

  test('the home page shows both programmes side by side', () => {
    const $ = page('');
    const cards = curriculum.programmes.map((programme) =>
      $('.card').filter((_, card) => $(card).find('.title').text().trim() === programme.title),
    );
    for (const card of cards) expect(card).toHaveLength(1);
    // Side by side: one grid holds both cards.
    expect(new Set(cards.map((card) => card.parent().get(0)))).toHaveProperty('size', 1);
  });

  test.each(curriculum.manuals.map((m) => [m.id, m] as const))(
    'manual %s has an introduction, its sessions in order and a glossary',
    (_id, manual) => {
      const $ = page(manual.slug);
      // The introduction (a heading of the MDX body) comes before the list of sessions.
      const order = $('main h2, .manual-contents')
        .toArray()
        .map((el) => ($(el).is('.manual-contents') ? 'contents' : 'h2'));
      expect(order[0], 'the introduction comes first').toBe('h2');
      expect(order).toContain('contents');
      const links = $('.manual-contents li > a')
        .toArray()
        .map((a) => a.attribs.href);
      expect(links).toEqual(sessionsOfManual(curriculum, manual.id).map((s) => `/${s.slug}/`));
      const terms = $('.manual-contents ~ * dt, .manual-contents dt')
        .toArray()
        .map((dt) => $(dt).text());
      for (const entry of manual.glossary) expect(terms).toContain(entry.term);
    },
  );

  test('a manual laid out by days has a heading per day, in order', () => {
    const { manualByDays } = subjects(curriculum);
    if (!manualByDays) throw new Error('no manual of the content is laid out by days: this test needs one');
    const days = [...new Set(sessionsOfManual(curriculum, manualByDays.id).map((s) => s.day))];
    const $ = page(manualByDays.slug);
    const headings = $('h3')
      .toArray()
      .map((h) => $(h).text().trim())
      .filter((t) => /^Día \d+$/.test(t));
    expect(headings).toEqual(days.map((day) => `Día ${day}`));
  });

  test.each(curriculum.sessions.map((s) => [s.id, s] as const))(
    'session %s has its panel, and a referral path when it touches violence',
    (_id, session) => {
      const $ = page(session.slug);
      expect($(`[data-session-id="${session.id}"]`)).toHaveLength(1);
      if (session.touchesViolence) {
        const safety = $('.prepare .safety');
        expect(safety).toHaveLength(1);
        for (const key of session.safety?.referral ?? []) {
          const name = curriculum.referrals.services.find((s) => s.key === key)?.name ?? key;
          expect(safety.text()).toContain(name.split(' (')[0]);
        }
      }
    },
  );
});

describe('the English side of the first manual', () => {
  const { manual, englishSessions, untranslatedSession } = subjects(curriculum);
  const english = englishSessions[0];

  test('a translated session renders with English interface strings and translated metadata', () => {
    if (!english) throw new Error(`no session of ${manual.id} has an English page: this test needs one`);
    const $ = page(`en/${english.slug}`);
    expect($('html').attr('lang')).toBe('en');
    const panel = $('.prepare').text();
    expect(panel).toContain(en['tejido.prepare.title']);
    // Each agenda step's method, in the English interface's words.
    for (const step of english.agenda) expect(panel).toContain(methods[step.method]?.en);
    expect($('body').text()).not.toContain('Preparar la sesión');
  });

  test('an untranslated page falls back to Spanish with a visible notice', () => {
    if (!untranslatedSession) return; // every session is translated: nothing falls back
    const $ = page(`en/${untranslatedSession.slug}`);
    expect($('body').text()).toContain('This content is not available in your language yet');
    expect($(`[data-session-id="${untranslatedSession.id}"]`)).toHaveLength(1);
  });

  test('every page has a language switcher', () => {
    for (const slug of ['', manual.slug, ...(english ? [`en/${english.slug}`] : [])])
      expect(page(slug)('nav.language-links > a[hreflang]').length, slug).toBeGreaterThanOrEqual(1);
  });
});
