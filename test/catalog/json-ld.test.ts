import { describe, expect, test } from 'vitest';
import { labelsIn } from '../../src/curriculum/schemas/vocabulary.ts';
import { isoDuration } from '../../src/catalog/json-ld.ts';
import { builtPage, sourceCurriculum, sourceVocabulary } from '../support/built-site.ts';

const curriculum = sourceCurriculum();
// Source-language labels of the closed lists, as content/vocabulary.yaml writes them.
const audiences = labelsIn(sourceVocabulary(), 'audiences', 'es');

/** Minutes in an ISO 8601 duration of hours and minutes (PT90M, PT1H30M, PT2H): parsed independently of the code that writes it. */
function minutesOf(duration: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  if (!match || (!match[1] && !match[2]))
    throw new Error(`"${duration}" is not an ISO 8601 duration in hours and minutes`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** Every JSON-LD block of a built page, parsed. */
function jsonLd(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('schema.org JSON-LD on session pages', () => {
  test.each(curriculum.sessions.map((s) => [s.id, s] as const))(
    'session %s is a LearningResource with its minutes as an ISO 8601 duration',
    (_id, session) => {
      const blocks = jsonLd(builtPage(session.slug));
      expect(blocks).toHaveLength(1);
      const resource = blocks[0]!;
      const manual = curriculum.manuals.find((m) => m.id === session.manual)!;
      expect(resource['@context']).toBe('https://schema.org');
      expect(resource['@type']).toBe('LearningResource');
      expect(resource.name).toBe(session.title);
      expect(resource.description).toBe(session.summary);
      expect(minutesOf(resource.timeRequired)).toBe(session.durationMinutes);
      expect(resource.teaches).toEqual(session.objectives);
      expect(resource.inLanguage).toBe('es');
      expect(resource.learningResourceType).toEqual(expect.any(String));
      expect(resource.audience.map((a: { audienceType: string }) => a.audienceType)).toEqual(
        session.audience.map((a) => audiences[a]!),
      );
      expect(resource.license).toMatch(/^https:\/\//);
      expect(resource.isPartOf).toMatchObject({ name: manual.title });
      expect(new URL(resource.isPartOf.url).pathname).toBe(`/${manual.slug}/`);
      expect(new URL(resource.url).pathname).toBe(`/${session.slug}/`);
    },
  );

  test('pages that are not sessions carry none', () => {
    for (const page of [...curriculum.manuals, ...curriculum.programmes])
      expect(jsonLd(builtPage(page.slug)), page.slug).toEqual([]);
  });
});

describe('the pieces of the JSON-LD', () => {
  test('durations in hours and minutes', () => {
    expect([30, 60, 90, 120, 150, 480].map(isoDuration)).toEqual([
      'PT30M',
      'PT1H',
      'PT1H30M',
      'PT2H',
      'PT2H30M',
      'PT8H',
    ]);
  });
});
