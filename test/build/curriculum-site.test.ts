import * as cheerio from 'cheerio';
import { describe, expect, test } from 'vitest';
import { manualsOfProgramme, sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';

const curriculum = sourceCurriculum();
/** A built page, parsed: the tests read its structure, not its markup's spelling. */
const page = (slug: string) => cheerio.load(builtPage(slug));

describe('the whole curriculum in the built site', () => {
  test('holds the 4 IMAGE manuals and a second programme', () => {
    expect(manualsOfProgramme(curriculum, 'imagen-peru').map((m) => m.id)).toEqual([
      'genero-y-violencia',
      'lideresas',
      'movilizacion',
      'formadoras',
    ]);
    expect(curriculum.programmes.map((p) => p.id).sort()).toEqual(['ahorro-para-el-futuro', 'imagen-peru']);
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

  test('manual 2 is laid out as 4 days', () => {
    const sessions = sessionsOfManual(curriculum, 'lideresas');
    expect([...new Set(sessions.map((s) => s.day))]).toEqual([1, 2, 3, 4]);
    const $ = page('imagen-peru/lideresas');
    const days = $('h3')
      .toArray()
      .map((h) => $(h).text().trim())
      .filter((t) => /^Día \d$/.test(t));
    expect(days).toEqual(['Día 1', 'Día 2', 'Día 3', 'Día 4']);
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

describe('the English manual 1', () => {
  test('renders with English interface strings and translated metadata', () => {
    const $ = page('en/imagen-peru/genero-y-violencia/violencia-no-es-normal');
    expect($('html').attr('lang')).toBe('en');
    const panel = $('.prepare').text();
    expect(panel).toContain('Prepare the session');
    expect(panel).toContain('Group discussion');
    expect($('body').text()).not.toContain('Preparar la sesión');
  });

  test('an untranslated page falls back to Spanish with a visible notice', () => {
    const $ = page('en/imagen-peru/lideresas/ser-lideresa');
    expect($('body').text()).toContain('This content is not available in your language yet');
    expect($('[data-session-id="li-ser-lideresa"]')).toHaveLength(1);
  });

  test('every page has a language switcher', () => {
    for (const slug of ['', 'imagen-peru/genero-y-violencia', 'en/imagen-peru/genero-y-violencia/quien-decide'])
      expect(page(slug)('nav.language-links > a[hreflang]').length, slug).toBeGreaterThanOrEqual(1);
  });
});
