import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { labelsIn } from '../../src/curriculum/schemas/vocabulary.ts';
import { builtPage, clientDir, sourceCurriculum, sourceVocabulary } from '../support/built-site.ts';

const curriculum = sourceCurriculum();
// Source-language labels of the closed lists, as content/vocabulary.yaml writes them.
const audiences = labelsIn(sourceVocabulary(), 'audiences', 'es');
const topics = labelsIn(sourceVocabulary(), 'topics', 'es');

/** The Pagefind attributes a built page carries, as "Key:value" strings. */
function attributes(html: string, name: 'filter' | 'meta' | 'sort'): string[] {
  return [...html.matchAll(new RegExp(`data-pagefind-${name}="([^"]*)"`, 'g'))].map((m) =>
    m[1]!.replace(/&amp;/g, '&').replace(/&gt;/g, '>').replace(/&lt;/g, '<'),
  );
}

describe('what Pagefind indexes about each session, in the built site', () => {
  test.each(curriculum.sessions.map((s) => [s.id, s] as const))(
    'session %s carries its facets and result metadata',
    (_id, session) => {
      const filters = attributes(builtPage(session.slug), 'filter');
      const manual = curriculum.manuals.find((m) => m.id === session.manual)!;
      const programme = curriculum.programmes.find((p) => p.id === session.programme)!;
      const band =
        session.durationMinutes <= 60 ? '≤ 60 min' : session.durationMinutes <= 120 ? '61–120 min' : '> 120 min';
      expect(filters.sort()).toEqual(
        [
          `Programa:${programme.title}`,
          `Manual:${manual.title}`,
          ...session.audience.map((a) => `Público:${audiences[a]!}`),
          ...session.topics.map((t) => `Tema:${topics[t]!}`),
          `Duración:${band}`,
          'Idioma:Español',
        ].sort(),
      );
      const meta = attributes(builtPage(session.slug), 'meta');
      expect(meta).toContain(`minutos:${session.durationMinutes}`);
      expect(meta).toContain(`público:${session.audience.map((a) => audiences[a]!).join(', ')}`);
      expect(meta).toContain(`resumen:${session.summary}`);
    },
  );

  test('pages that are not sessions carry no facet, so the search page can keep them out', () => {
    for (const page of [...curriculum.manuals, ...curriculum.programmes])
      expect(attributes(builtPage(page.slug), 'filter'), page.slug).toEqual([]);
  });

  test('the search page itself is not indexed, and the index was built', () => {
    expect(builtPage('buscar')).not.toContain('data-pagefind-body');
    expect(existsSync(join(clientDir, 'pagefind', 'pagefind.js'))).toBe(true);
  });
});
