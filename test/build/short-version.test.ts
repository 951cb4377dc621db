// The short version, crowd notes and day schedules in the real build: what the panel, the card
// view and the manual page show comes from the session and manual metadata.
import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { shortAgenda } from '../../src/curriculum/short-agenda.ts';
import { printPages } from '../../src/print/urls.ts';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';

const curriculum = sourceCurriculum();
const manualOne = sessionsOfManual(curriculum, 'genero-y-violencia');

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

describe('the short version on manual 1’s session pages', () => {
  test('every session of manual 1 declares a short version of 30 minutes', () => {
    expect(manualOne.map((s) => [s.id, s.shortVersion?.minutes])).toEqual(manualOne.map((s) => [s.id, 30]));
  });

  test.each(manualOne.map((s) => [s.order, s] as const))(
    'session %i folds its short version in the panel, step by step',
    (_order, session) => {
      const html = builtPage(session.slug);
      const details = element(html, 'details', 'prepare-short');
      expect(details, session.slug).toMatch(/^<details class="prepare-short" data-short-minutes="30">/);
      expect(decode(details)).toContain('Versión corta: 30 min');
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
    const session = manualOne.find((s) => s.id === 'gv-rompemos-el-silencio')!;
    const html = builtPage(printPages.card(session.id).replace(/^\/|\/$/g, ''));
    expect(element(html, 'details', 'prepare-short')).toMatch(
      /^<details class="prepare-short" open data-short-minutes="30">/,
    );
  });

  test('an English page shows its own translated short version and crowd notes, never the Spanish ones', () => {
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
  test('session 1’s yarn web says how to split the group, inside its agenda step', () => {
    const html = builtPage('imagen-peru/genero-y-violencia/espacio-de-confianza');
    expect(decode(element(html, 'ol', 'prepare-agenda'))).toContain(
      'Dinámica: la manta tejida15 min · Dinámica de animaciónGrupo grande: Con más de 20 socias, formen dos ruedas con un ovillo cada una.',
    );
  });

  test('the paper ATM says how 30–40 women take turns', () => {
    const html = builtPage('ahorro-para-el-futuro/educacion-financiera/cuenta-de-ahorro');
    expect(decode(element(html, 'ol', 'prepare-agenda'))).toContain('Práctica: el cajero de papel20 min · ');
    expect(decode(element(html, 'ol', 'prepare-agenda'))).toContain(
      'Grupo grande: Con más de 20 socias, formen tres grupos',
    );
  });
});

describe('day schedules on the manual page', () => {
  test('the leaders’ manual shows each day’s minutes against its 390', () => {
    const table = element(builtPage('imagen-peru/lideresas'), 'table', 'manual-schedule');
    const rows = [
      ...table.matchAll(/<tr data-day="(\d+)"><td>\d+<\/td><td>([^<]*)<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><\/tr>/g),
    ];
    // Each day's minutes are its sessions' own, from the content; the schedule gives 390.
    const minutesOf = (day: number) =>
      sourceCurriculum()
        .sessions.filter((s) => s.manual === 'lideresas' && s.day === day)
        .reduce((sum, s) => sum + s.durationMinutes, 0);
    expect(rows.map((m) => [m[1], m[2], m[3]])).toEqual(
      [1, 2, 3, 4].map((d) => [String(d), '09:00–13:00, 14:00–16:30', `${minutesOf(d)} / 390`]),
    );
    expect([1, 2, 3, 4].every((d) => minutesOf(d) <= 390)).toBe(true);
  });

  test('a manual without days shows no schedule', () => {
    expect(builtPage('imagen-peru/genero-y-violencia')).not.toContain('manual-schedule');
  });
});
