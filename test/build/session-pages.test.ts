import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';
import { keyMessageText } from '../../src/curriculum/core.ts';

const curriculum = sourceCurriculum();
const manualOne = sessionsOfManual(curriculum, 'genero-y-violencia');

/** The text of the first element with this class, tags removed: enough to compare with metadata. */
function section(html: string, className: string): string {
  const start = html.indexOf(`class="${className}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

describe('the built site', () => {
  test('manual 1 has its 7 sessions in the manual’s order', () => {
    expect(manualOne.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test.each(manualOne.map((s) => [s.order, s] as const))('session %i has a page that opens with its "Preparar la sesión" panel', (_order, session) => {
    const html = builtPage(session.slug);
    const panel = section(html, 'prepare');
    expect(panel, `panel of ${session.slug}`).toContain(`data-session-id="${session.id}"`);
    // The panel comes before the step-by-step guide written in the MDX body.
    expect(html.indexOf('class="prepare"')).toBeLessThan(html.indexOf('id="paso-a-paso"'));
    expect(panel).toContain(`${session.durationMinutes} min`);
    const text = textOf(panel);
    for (const objective of session.objectives) expect(text).toContain(objective);
    // A core step's item carries data-core (the «esencial» mark); every step is one item either way.
    expect(panel.match(/<li(?: data-core="true")?><span class="step-title">/g)).toHaveLength(session.agenda.length);
    for (const step of session.agenda) expect(panel).toContain(`${step.minutes} min`);
    for (const message of session.keyMessages) expect(text).toContain(keyMessageText(message));
    for (const material of session.materials) expect(text).toContain(material.item);
  });

  test.each(manualOne.map((s) => [s.order, s] as const))('session %i shows the safety box exactly when it touches violence', (_order, session) => {
    const panel = section(builtPage(session.slug), 'prepare');
    expect(panel.includes('class="safety"')).toBe(session.touchesViolence || Boolean(session.safety));
    for (const key of session.safety?.referral ?? []) {
      const service = curriculum.referrals.services.find((s) => s.key === key);
      expect(textOf(panel)).toContain(service?.name ?? key);
    }
  });

  test('each session of manual 1 links to its roll call on the attendance screen', () => {
    for (const session of manualOne) expect(builtPage(session.slug)).toContain(`href="/asistencia/?sesion=${session.id}"`);
  });

  test('the manual’s landing page is built and lists how to use it', () => {
    expect(builtPage('imagen-peru/genero-y-violencia')).toContain('id="cómo-usar-este-manual"');
  });
});

/** Visible text of an HTML fragment: tags dropped, character references decoded. */
function textOf(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/g, (whole, name) => named[name] ?? whole);
}
