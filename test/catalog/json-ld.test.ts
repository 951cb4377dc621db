import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { labelsIn } from '../../src/curriculum/schemas/vocabulary.ts';
import { projectRoot } from '../support/content-root.ts';
import { uiStrings } from '../support/print-translations.ts';
import { isoDuration } from '../../src/catalog/json-ld.ts';
import { builtPage, sourceCurriculum, sourceVocabulary } from '../support/built-site.ts';

const curriculum = sourceCurriculum();
// Source-language labels of the closed lists, as content/vocabulary.yaml writes them.
const audiences = labelsIn(sourceVocabulary(), 'audiences', 'es');
const topics = labelsIn(sourceVocabulary(), 'topics', 'es');
const englishAudiences = labelsIn(sourceVocabulary(), 'audiences', 'en');
const englishTopics = labelsIn(sourceVocabulary(), 'topics', 'en');

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

describe('JSON-LD words come from content/i18n, in the page’s language', () => {
  const strings = { es: uiStrings('es'), en: uiStrings('en') };
  const session = curriculum.sessions.find((s) => s.id === 'gv-violencia-no-es-normal')!;

  test('a Spanish session page: its type, audiences and topics in Spanish, from es.json and content/vocabulary.yaml', () => {
    const [resource] = jsonLd(builtPage(session.slug));
    expect(resource!.learningResourceType).toBe(strings.es['tejido.jsonLd.session']);
    expect(resource!.keywords).toEqual(session.topics.map((t) => topics[t]));
  });

  test('an English session page describes itself in English: type, audiences, its manual and programme', () => {
    const [resource] = jsonLd(builtPage(`en/${session.slug}`));
    expect(resource!.inLanguage).toBe('en');
    expect(resource!.learningResourceType).toBe('Workshop session');
    expect(resource!.audience.map((a: { audienceType: string }) => a.audienceType)).toEqual(
      session.audience.map((a) => englishAudiences[a]),
    );
    // Topics are labelled like audiences: content/vocabulary.yaml's labels in the page's language.
    expect(resource!.keywords).toEqual(session.topics.map((t) => englishTopics[t]));
    expect(resource!.isPartOf.name).toBe('Manual 1: Gender and violence');
    expect(new URL(resource!.isPartOf.url).pathname).toBe('/en/imagen-peru/genero-y-violencia/');
    expect(resource!.isPartOf.isPartOf.name).toBe('IMAGE Peru');
    expect(new URL(resource!.isPartOf.isPartOf.url).pathname).toBe('/en/imagen-peru/');
  });

  test('an activity guide is typed with the activity label; json-ld.ts itself holds no Spanish label', () => {
    const guide = curriculum.sessions.find((s) => s.activityType)!;
    expect(jsonLd(builtPage(guide.slug))[0]!.learningResourceType).toBe(strings.es['tejido.jsonLd.activity']);
    const code = readFileSync(join(projectRoot, 'src/catalog/json-ld.ts'), 'utf8');
    for (const label of [strings.es['tejido.jsonLd.activity']!, strings.es['tejido.jsonLd.session']!, topics.genero])
      expect(code).not.toContain(label);
  });
});
