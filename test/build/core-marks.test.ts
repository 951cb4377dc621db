import { describe, expect, test } from 'vitest';
import { coreMessages, coreSteps } from '../../src/curriculum/core.ts';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';
import { subjects } from '../support/content-subjects.ts';

const curriculum = sourceCurriculum();
const { sessions } = subjects(curriculum);
const between = (html: string, open: string, close: string) => {
  const start = html.indexOf(open);
  return start < 0 ? '' : html.slice(start, html.indexOf(close, start));
};

describe('core steps and messages on the panel and the card (manual 1)', () => {
  test.each(sessions.map((s) => [s.id, s] as const))(
    '%s: every core step and message is marked «esencial», no other',
    (_id, session) => {
      for (const html of [builtPage(session.slug), builtPage(`print/cards/${session.id}`)]) {
        const agenda = between(html, '<ol class="prepare-agenda"', '</ol>');
        const marked = [...agenda.matchAll(/<li( data-core="true")?><span class="step-title">([^<]*)<\/span>/g)];
        expect(marked.filter((m) => m[1]).map((m) => m[2])).toEqual(coreSteps(session).map((s) => s.title));
        // Safety steps already say "seguridad"; only a reason of their own adds a line.
        const reasons = [...agenda.matchAll(/<span class="step-core-reason">([^<]*)<\/span>/g)].map((m) => m[1]);
        expect(reasons).toEqual(session.agenda.flatMap((s) => (s.core ? [s.core.reason] : [])));
        const messages = between(html, '<ul class="prepare-messages"', '</ul>');
        expect(messages.match(/<li data-core="true"/g) ?? []).toHaveLength(coreMessages(session).length);
      }
    },
  );

  test('manual 1 marks 9 steps and 11 messages as core on top of its 11 safety steps', () => {
    expect(sessions.flatMap((s) => s.agenda.filter((step) => step.core))).toHaveLength(9);
    expect(sessions.flatMap((s) => coreMessages(s))).toHaveLength(11);
    expect(sessions.flatMap((s) => s.agenda.filter((step) => step.safety))).toHaveLength(11);
  });
});
