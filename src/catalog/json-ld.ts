import { vocabularyLabel, type Organisation, type Vocabulary } from '../curriculum/schemas/index.ts';
import type { Curriculum, Session } from '../curriculum/resolve.ts';
import { catalogPaths } from './build.ts';
import { licenceOf } from '../print/licence.ts';
import { realUrl } from '../curriculum/site-url.ts';

/** Minutes as an ISO 8601 duration, the form schema.org's `timeRequired` takes: 45 → PT45M, 90 → PT1H30M, 120 → PT2H. */
export function isoDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${rest || !hours ? `${rest}M` : ''}`;
}

export interface SessionPage {
  /** The page's own title and description: a translation has its own. */
  title: string;
  description?: string;
  /** The page's language, as a BCP 47 tag. */
  lang: string;
  /** The page's path, e.g. /en/imagen-peru/lideresas/autoestima/ for a translation. */
  path: string;
}

/**
 * The words the JSON-LD gives, in the page's language: from content/i18n (SessionJsonLd.astro passes them from
 * the page's `t`), never written here, so a translated page describes itself in its own language.
 */
export interface JsonLdLabels {
  /** `learningResourceType` of a community activity guide (tejido.jsonLd.activity). */
  activity: string;
  /** `learningResourceType` of a workshop session (tejido.jsonLd.session). */
  session: string;
  /** A manual's or programme's page in the page's language: its path and title (the source's where untranslated). */
  page: (slug: string, title: string) => { href: string; title: string };
}

/**
 * schema.org LearningResource for a session page, so search engines and OER catalogues can read
 * the curriculum: what it teaches (the objectives), how long it takes, for whom, under what licence
 * and in which manual. Audiences and topics are named in the page's language (content/vocabulary.yaml).
 */
export function learningResource(
  session: Session,
  page: SessionPage,
  context: { curriculum: Curriculum; organisation: Organisation; vocabulary: Vocabulary; site: URL },
  labels: JsonLdLabels,
) {
  const { curriculum, organisation, vocabulary, site } = context;
  const url = (path: string) => new URL(path, site).href;
  const label = (list: 'audiences' | 'topics', value: string) =>
    vocabularyLabel(vocabulary, list, value, page.lang, organisation.defaultLanguage);
  const manual = curriculum.manuals.find((m) => m.id === session.manual);
  const programme = curriculum.programmes.find((p) => p.id === session.programme);
  return {
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    '@id': url(page.path),
    url: url(page.path),
    identifier: session.id,
    name: page.title,
    ...(page.description ? { description: page.description } : {}),
    inLanguage: page.lang,
    learningResourceType: session.activityType ? labels.activity : labels.session,
    timeRequired: isoDuration(session.durationMinutes),
    audience: session.audience.map((a) => ({ '@type': 'EducationalAudience', audienceType: label('audiences', a) })),
    teaches: session.objectives,
    keywords: session.topics.map((t) => label('topics', t)),
    license: licenceOf(session.licence).url,
    version: session.version,
    dateModified: session.lastReviewed,
    position: session.order,
    isAccessibleForFree: true,
    publisher: {
      '@type': 'Organization',
      name: organisation.name,
      ...(realUrl(organisation.website) ? { url: organisation.website } : {}),
    },
    ...(manual && {
      isPartOf: {
        '@type': 'Book',
        '@id': url(labels.page(manual.slug, manual.title).href),
        name: labels.page(manual.slug, manual.title).title,
        url: url(labels.page(manual.slug, manual.title).href),
        license: licenceOf(manual.licence).url,
        ...(programme && {
          isPartOf: {
            '@type': 'Collection',
            name: labels.page(programme.slug, programme.title).title,
            url: url(labels.page(programme.slug, programme.title).href),
          },
        }),
      },
    }),
  };
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no text can close the script early. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
