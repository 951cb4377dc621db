// The short version, crowd notes and day schedules in the real build: what the panel, the card
// view and the manual page show comes from the session and manual metadata.
import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { minutesOfClock } from '../../src/curriculum/schemas/day-schedule.ts';
import { shortAgenda } from '../../src/curriculum/short-agenda.ts';
import { printPages } from '../../src/print/urls.ts';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';
import { hasPageIn, subjects } from '../support/content-subjects.ts';

const curriculum = sourceCurriculum();
/** The first manual's sessions that declare a short version (test/support/content-subjects.ts). */
const { manual, sessions } = subjects(curriculum);
const manualOne = sessions.filter((s) => s.shortVersion);

/** The first `<tag class="name" …>…</tag>` of a page, '' when absent (no nesting of the same tag inside). */
function element(html: string, tag: string, className: string): string {
  const start = html.search(new RegExp(`<${tag} class="${className}"`));
  return start < 0 ? '' : html.slice(start, html.indexOf(`</${tag}>`, start) + tag.length + 3);
}

const decode = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('the short version on the first manual’s session pages', () => {
  test('the manual has sessions with a short version to show', () => {
    expect(manualOne.length, `no session of ${manual.id} declares shortVersion`).toBeGreaterThanOrEqual(1);
  });

  test.each(manualOne.map((s) => [s.order, s] as const))(
    'session %i folds its short version in the panel, step by step',
    (_order, session) => {
      const html = builtPage(session.slug);
      const details = element(html, 'details', 'prepare-short');
      const minutes = session.shortVersion!.minutes;
      expect(details, session.slug).toMatch(
        new RegExp(`^<details class="prepare-short" data-short-minutes="${minutes}">`),
      );
      expect(decode(details)).toContain(`Versión corta: ${minutes} min`);
      const rows = shortAgenda(session.agenda, session.shortVersion!);
      const items = [...details.matchAll(/<li value="(\d+)" data-action="(keep|shorten|drop)">(.*?)<\/li>/g)];
      expect(items.map((m) => [Number(m[1]), m[2]])).toEqual(rows.map((r) => [r.step, r.action]));
      items.forEach((m, i) => {
        const row = rows[i]!;
        const text = decode(m[3]!);
        expect(text).toContain(row.title);
        if (row.action === 'keep') expect(text).toContain(`completo, ${row.fullMinutes} min`);
        if (row.action === 'shorten')
          expect(text).toContain(`${row.minutes} de ${row.fullMinutes} min${row.how ?? ''}`);
        if (row.action === 'drop') expect(text).toContain('se omite');
      });
      // The panel is the page's first section; the short version sits inside it.
      expect(html.indexOf('class="prepare-short"')).toBeGreaterThan(html.indexOf('class="prepare"'));
      expect(html.indexOf('class="prepare-short"')).toBeLessThan(html.indexOf('id="paso-a-paso"'));
    },
  );

  test.each(manualOne.filter((s) => s.touchesViolence).map((s) => [s.order, s] as const))(
    'session %i keeps every safety step whole and marks it on the agenda',
    (_order, session) => {
      const safe = session.agenda.flatMap((step, i) => (step.safety ? [i + 1] : []));
      expect(safe.length, session.id).toBeGreaterThanOrEqual(1);
      const details = element(builtPage(session.slug), 'details', 'prepare-short');
      for (const n of safe) expect(details).toContain(`<li value="${n}" data-action="keep">`);
      const agenda = element(builtPage(session.slug), 'ol', 'prepare-agenda');
      expect(agenda.match(/class="step-safety"/g)).toHaveLength(safe.length);
    },
  );

  test('the card view prints the short version open (a folded one would print its summary only)', () => {
    for (const session of manualOne) {
      const html = builtPage(printPages.card(session.id).replace(/^\/|\/$/g, ''));
      expect(element(html, 'details', 'prepare-short'), session.id).toMatch(
        new RegExp(`^<details class="prepare-short" open data-short-minutes="${session.shortVersion!.minutes}">`),
      );
    }
  });

  // What the English words are is the translation's (content); that they replace the Spanish is the engine's.
  test('an English page shows its own translated short version and crowd notes, never the Spanish ones', () => {
    const session = manualOne.find((s) => hasPageIn('en', s.slug) && s.agenda.some((step) => step.largeGroup));
    if (!session) return; // no translated session with crowd notes in this content
    const html = builtPage(`en/${session.slug}`);
    const spanish = [
      ...(session.shortVersion?.steps ?? []).flatMap((st) => (st.how ? [st.how] : [])),
      ...session.agenda.flatMap((st) => (st.largeGroup ? [st.largeGroup] : [])),
    ];
    const details = decode(element(html, 'details', 'prepare-short'));
    expect(details).toContain(`Short version: ${session.shortVersion!.minutes} min`);
    expect(decode(element(html, 'ol', 'prepare-agenda'))).toContain('Large group:');
    for (const text of spanish) expect(html, text).not.toContain(text);
    expect(html).not.toContain('Grupo grande');
  });

  test('FINCA’s first session in English: its short version and crowd note in its own words', () => {
    const html = builtPage('en/imagen-peru/genero-y-violencia/espacio-de-confianza');
    const details = decode(element(html, 'details', 'prepare-short'));
    expect(details).toContain('Short version: 30 min');
    expect(details).toContain('Activity: the woven blanket · 5 of 15 min');
    expect(details).toContain('One round of the yarn only');
    expect(decode(element(html, 'ol', 'prepare-agenda'))).toContain(
      'Large group: With more than 20 members, make two circles',
    );
    expect(html).not.toContain('Una sola vuelta del ovillo');
    expect(html).not.toContain('Grupo grande');
  });
});

describe('crowd notes', () => {
  const withNotes = curriculum.sessions.filter((s) => s.agenda.some((step) => step.largeGroup));

  test.each(withNotes.map((s) => [s.id, s] as const))(
    '%s says how to split a large group inside the agenda step the note belongs to',
    (_id, session) => {
      const items = [
        ...element(builtPage(session.slug), 'ol', 'prepare-agenda').matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g),
      ].map((m) => decode(m[1]!));
      expect(items, session.id).toHaveLength(session.agenda.length);
      session.agenda.forEach((step, i) => {
        if (step.largeGroup)
          expect(items[i], `${session.id} step ${i + 1}`).toContain(`Grupo grande: ${step.largeGroup}`);
        else expect(items[i], `${session.id} step ${i + 1}`).not.toContain('Grupo grande:');
      });
    },
  );
});

describe('day schedules on the manual page', () => {
  const { manualByDays } = subjects(curriculum);

  test('a manual laid out by days shows each day’s minutes against its schedule’s', () => {
    if (!manualByDays?.days) throw new Error('no manual of the content has a day schedule: this test needs one');
    const table = element(builtPage(manualByDays.slug), 'table', 'manual-schedule');
    const rows = [
      ...table.matchAll(/<tr data-day="(\d+)"><td>\d+<\/td><td>([^<]*)<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><\/tr>/g),
    ];
    // Each day's minutes are its sessions' own; the schedule's are the sum of its blocks.
    const minutesOf = (day: number) =>
      sessionsOfManual(curriculum, manualByDays.id)
        .filter((s) => s.day === day)
        .reduce((sum, s) => sum + s.durationMinutes, 0);
    expect(rows.map((m) => [m[1], m[2], m[3]])).toEqual(
      manualByDays.days.map(({ day, blocks }) => [
        String(day),
        blocks.map((b) => `${b.from}–${b.to}`).join(', '),
        `${minutesOf(day)} / ${blocks.reduce((sum, b) => sum + minutesOfClock(b.to) - minutesOfClock(b.from), 0)}`,
      ]),
    );
  });

  test('a manual without days shows no schedule', () => {
    const without = curriculum.manuals.find((m) => !m.days?.length);
    if (!without) return; // every manual of this content is laid out by days
    expect(builtPage(without.slug)).not.toContain('manual-schedule');
  });
});
