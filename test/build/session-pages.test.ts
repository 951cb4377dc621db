import * as cheerio from 'cheerio';
import { describe, expect, test } from 'vitest';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';
import { subjects } from '../support/content-subjects.ts';
import { keyMessageText } from '../../src/curriculum/core.ts';

const curriculum = sourceCurriculum();
/** The first manual of the first programme (test/support/content-subjects.ts). */
const { manual, sessions: manualOne } = subjects(curriculum);

/** A built page, parsed: the tests read its structure, not its markup's spelling. */
const page = (slug: string) => cheerio.load(builtPage(slug));

describe('the built site', () => {
  test('the manual’s sessions come in the order its `sessions` list gives', () => {
    expect(manualOne.map((s) => s.id)).toEqual(manual.sessions);
    expect(manualOne.map((s) => s.order)).toEqual(manual.sessions.map((_, i) => i + 1));
  });

  test.each(manualOne.map((s) => [s.order, s] as const))(
    'session %i has a page that opens with its "Preparar la sesión" panel',
    (_order, session) => {
      const $ = page(session.slug);
      const panel = $('.prepare').first();
      expect(panel.attr('data-session-id'), `panel of ${session.slug}`).toBe(session.id);
      // The panel comes before the step-by-step guide written in the MDX body.
      const order = $('.prepare, #paso-a-paso')
        .toArray()
        .map((el) => (el.attribs.id === 'paso-a-paso' ? 'guide' : 'panel'));
      expect(order.slice(0, 2)).toEqual(['panel', 'guide']);
      const text = panel.text();
      expect(text).toContain(`${session.durationMinutes} min`);
      for (const objective of session.objectives) expect(text).toContain(objective);
      const steps = panel.find('.prepare-agenda > li');
      expect(steps).toHaveLength(session.agenda.length);
      session.agenda.forEach((step, i) => {
        expect(steps.eq(i).find('.step-title').text()).toBe(step.title);
        expect(steps.eq(i).text()).toContain(`${step.minutes} min`);
      });
      for (const message of session.keyMessages) expect(text).toContain(keyMessageText(message));
      for (const material of session.materials) expect(text).toContain(material.item);
    },
  );

  test.each(manualOne.map((s) => [s.order, s] as const))(
    'session %i shows the safety box exactly when it touches violence',
    (_order, session) => {
      const panel = page(session.slug)('.prepare').first();
      expect(panel.find('.safety')).toHaveLength(session.touchesViolence || session.safety ? 1 : 0);
      for (const key of session.safety?.referral ?? []) {
        const service = curriculum.referrals.services.find((s) => s.key === key);
        expect(panel.text()).toContain(service?.name ?? key);
      }
    },
  );

  test('each session of manual 1 links to its roll call on the attendance screen', () => {
    for (const session of manualOne)
      expect(
        page(session.slug)(`a[href="/asistencia/?sesion=${session.id}"]`).length,
        session.id,
      ).toBeGreaterThanOrEqual(1);
  });

  test('the manual’s landing page is built and lists how to use it', () => {
    expect(page(manual.slug)('[id="cómo-usar-este-manual"]')).toHaveLength(1);
  });
});
