import { valuesOf, vocabularyLabel, type Vocabulary } from '../curriculum/schemas/vocabulary.ts';
import { manualsOfProgramme, sessionsOfManual, type Curriculum, type Session } from '../curriculum/resolve.ts';

/**
 * A closed-list value's label in the page's language: on the site, src/curriculum/astro/labels.ts
 * `labelOf`; elsewhere `vocabularyLabeller`. Both read content/vocabulary.yaml.
 */
export type Labeller = (kind: 'audience' | 'topic', value: string) => string;

/** Labels straight from the vocabulary, in `lang` (falling back to `defaultLanguage`). */
export function vocabularyLabeller(vocabulary: Vocabulary, lang: string, defaultLanguage = lang): Labeller {
  return (kind, value) =>
    vocabularyLabel(vocabulary, kind === 'audience' ? 'audiences' : 'topics', value, lang, defaultLanguage);
}

/**
 * The search facets, in the order the search page shows them. The key is our name for the facet;
 * the value is the Pagefind filter name, which Pagefind's own UI (the header's search dialog)
 * shows as the facet's heading, so it is written for readers.
 */
export const facets = {
  programme: 'Programa',
  manual: 'Manual',
  audience: 'Público',
  topic: 'Tema',
  length: 'Duración',
  language: 'Idioma',
} as const;

export type Facet = keyof typeof facets;
export type FacetValues = Record<Facet, string[]>;

/** Length bands a facilitator plans with: "fits in the meeting", "a long meeting", "a workshop block". */
export const lengthBands = [
  { label: '≤ 60 min', max: 60 },
  { label: '61–120 min', max: 120 },
  { label: '> 120 min', max: Infinity },
] as const;

export function lengthBand(minutes: number): string {
  return (lengthBands.find((band) => minutes <= band.max) ?? lengthBands[2]).label;
}

/** A language's name in that language's own words, capitalised: es → "Español", qu → "Runasimi". */
export function languageLabel(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** The value of each facet for one session page, as Pagefind filter values (labels, not ids). */
export function sessionFacets(session: Session, curriculum: Curriculum, lang: string, label: Labeller): FacetValues {
  const programme = curriculum.programmes.find((p) => p.id === session.programme);
  const manual = curriculum.manuals.find((m) => m.id === session.manual);
  return {
    programme: programme ? [programme.title] : [],
    manual: manual ? [manual.title] : [],
    audience: session.audience.map((a) => label('audience', a)),
    topic: session.topics.map((t) => label('topic', t)),
    length: [lengthBand(session.durationMinutes)],
    language: [languageLabel(lang)],
  };
}

/**
 * Pagefind metadata names for what a search result shows besides its title: minutes, audience,
 * and the page's summary (shown instead of an excerpt when the search has no words). Pagefind's
 * own UI lists metadata under each result as "Name: value", so the names are written for readers.
 */
export const resultMeta = { minutes: 'minutos', audience: 'público', summary: 'resumen' } as const;

export function sessionResultMeta(
  session: Session,
  summary: string | undefined,
  label: Labeller,
): Record<string, string> {
  return {
    [resultMeta.minutes]: String(session.durationMinutes),
    [resultMeta.audience]: session.audience.map((a) => label('audience', a)).join(', '),
    ...(summary ? { [resultMeta.summary]: summary } : {}),
  };
}

/** Every session in reading order: programme by programme, manual by manual, as each lists them. */
export function sessionsInReadingOrder(curriculum: Curriculum): Session[] {
  return curriculum.programmes.flatMap((p) =>
    manualsOfProgramme(curriculum, p.id).flatMap((m) => sessionsOfManual(curriculum, m.id)),
  );
}

/** The session's 1-based place in reading order: the search page lists sessions in this order when there are no words. */
export function readingPosition(session: Session, curriculum: Curriculum): number {
  return sessionsInReadingOrder(curriculum).findIndex((s) => s.id === session.id) + 1;
}

export interface FacetOption {
  value: string;
  /** Sessions that have this value. */
  count: number;
}

/**
 * Every value each facet takes across the curriculum, with how many sessions have it, in a
 * reader's order (programmes and manuals as the curriculum orders them, audiences and topics as
 * the vocabulary lists them, length bands from short to long): the search page's checkboxes and
 * their counts before any search. The vocabulary gives the order of audiences and topics.
 */
export function facetOptions(
  curriculum: Curriculum,
  lang: string,
  vocabulary: Vocabulary,
  label: Labeller = vocabularyLabeller(vocabulary, lang),
): Record<Facet, FacetOption[]> {
  const used = curriculum.sessions.map((s) => sessionFacets(s, curriculum, lang, label));
  const inOrder = (facet: Facet, order: readonly string[]): FacetOption[] => {
    const counts = new Map<string, number>();
    for (const values of used) for (const value of values[facet]) counts.set(value, (counts.get(value) ?? 0) + 1);
    const values = [...order.filter((v) => counts.has(v)), ...[...counts.keys()].filter((v) => !order.includes(v))];
    return values.map((value) => ({ value, count: counts.get(value) ?? 0 }));
  };
  const manualsInOrder = curriculum.programmes.flatMap((p) => manualsOfProgramme(curriculum, p.id).map((m) => m.title));
  return {
    programme: inOrder(
      'programme',
      curriculum.programmes.map((p) => p.title),
    ),
    manual: inOrder('manual', manualsInOrder),
    audience: inOrder(
      'audience',
      valuesOf(vocabulary, 'audiences').map((a) => label('audience', a)),
    ),
    topic: inOrder(
      'topic',
      valuesOf(vocabulary, 'topics').map((t) => label('topic', t)),
    ),
    length: inOrder(
      'length',
      lengthBands.map((b) => b.label),
    ),
    language: inOrder('language', []),
  };
}
