import { activityTypes, labelsIn, type Organisation, type Vocabulary } from '../curriculum/schemas/index.ts';
import { manualsOfProgramme, sessionsOfManual, type Curriculum, type Session } from '../curriculum/resolve.ts';
import { pdfFiles } from '../print/urls.ts';
import type { PrintTranslation } from '../print/translations.ts';
import { contentFile } from '../curriculum/content-path.ts';
import { CATALOG_SCHEMA_VERSION, catalogSchemas, type Catalog, type CatalogSession } from './schema.ts';

/** The catalog's addresses, relative to the site root: one place for endpoints, pages and docs. */
export const catalogPaths = {
  catalog: '/catalog.json',
  schema: '/catalog.schema.json',
  session: (id: string) => `/catalog/sessions/${id}.json`,
  /** Written by `npm run pdf` (src/print/), not by the site build: print/urls.ts `pdfFiles` says where. */
  sessionCardPdf: (id: string, lang?: string) => pdfFiles.card(id, lang),
  manualBookPdf: (id: string, lang?: string) => pdfFiles.book(id, 'a4', lang),
  page: (slug: string, lang?: string) => `${lang ? `/${lang}` : ''}${slug ? `/${slug}/` : '/'}`,
} as const;

export interface CatalogContext {
  curriculum: Curriculum;
  organisation: Organisation;
  /** The organisation's closed lists: the catalog's schema and its labels come from them. */
  vocabulary: Vocabulary;
  /** The site's address (Astro's `site`): every URL in the catalog is absolute. */
  site: URL;
  /** What each translation prints in its language (src/print/translations.ts): their pages and PDFs are listed too. */
  translations?: readonly PrintTranslation[];
}

/** A session's or manual's translated page and PDF, by language; undefined when no translation prints it. */
function translatedUrls(
  translations: readonly PrintTranslation[] | undefined,
  kind: 'sessions' | 'manuals',
  id: string,
  urls: (lang: string) => Record<string, string>,
) {
  const langs = (translations ?? []).filter((t) => t[kind].includes(id)).map((t) => t.lang);
  return langs.length ? Object.fromEntries(langs.map((lang) => [lang, urls(lang)])) : undefined;
}

/** A page description is optional in frontmatter and empty when absent; the catalog leaves it out then. */
const text = (page: { title: string; description: string }) => ({
  title: page.title,
  ...(page.description ? { description: page.description } : {}),
});

const withTranslations = (urls: Record<string, Record<string, string>> | undefined) =>
  urls ? { translations: urls } : {};

/**
 * One session as the catalog (and /catalog/sessions/<id>.json) publishes it. Parsing with the
 * catalog's schema drops what is internal (the resolver's `slug`, `file`) and proves the entry
 * matches catalog.schema.json before it is written.
 */
export function catalogSession(
  session: Session,
  { organisation, vocabulary, site, translations }: Omit<CatalogContext, 'curriculum'>,
): CatalogSession {
  const url = (path: string) => new URL(path, site).href;
  const translated = translatedUrls(translations, 'sessions', session.id, (lang) => ({
    page: url(catalogPaths.page(session.slug, lang)),
    cardPdf: url(catalogPaths.sessionCardPdf(session.id, lang)),
  }));
  return catalogSchemas(vocabulary).session.parse({
    ...session,
    ...text(session),
    language: organisation.defaultLanguage,
    source: contentFile(session.file),
    urls: {
      page: url(catalogPaths.page(session.slug)),
      json: url(catalogPaths.session(session.id)),
      cardPdf: url(catalogPaths.sessionCardPdf(session.id)),
      ...withTranslations(translated),
    },
  });
}

/** The whole catalog, in reading order: programme by programme, manual by manual, session by session. */
export function buildCatalog(context: CatalogContext): Catalog {
  const { curriculum, organisation, vocabulary, site } = context;
  const url = (path: string) => new URL(path, site).href;
  const manuals = curriculum.programmes.flatMap((p) => manualsOfProgramme(curriculum, p.id));
  const sessions = manuals.flatMap((m) => sessionsOfManual(curriculum, m.id));
  return catalogSchemas(vocabulary).catalog.parse({
    $schema: url(catalogPaths.schema),
    schemaVersion: CATALOG_SCHEMA_VERSION,
    organisation,
    language: organisation.defaultLanguage,
    site: url('/'),
    // In the source language, as the rest of the catalog.
    labels: {
      audience: labelsIn(vocabulary, 'audiences', organisation.defaultLanguage),
      topic: labelsIn(vocabulary, 'topics', organisation.defaultLanguage),
      method: labelsIn(vocabulary, 'methods', organisation.defaultLanguage),
      activityType: activityTypes,
    },
    referrals: curriculum.referrals,
    programmes: curriculum.programmes.map((programme) => ({
      ...programme,
      ...text(programme),
      urls: { page: url(catalogPaths.page(programme.slug)) },
    })),
    manuals: manuals.map((manual) => ({
      ...manual,
      ...text(manual),
      urls: {
        page: url(catalogPaths.page(manual.slug)),
        bookPdf: url(catalogPaths.manualBookPdf(manual.id)),
        ...withTranslations(
          translatedUrls(context.translations, 'manuals', manual.id, (lang) => ({
            page: url(catalogPaths.page(manual.slug, lang)),
            bookPdf: url(catalogPaths.manualBookPdf(manual.id, lang)),
          })),
        ),
      },
    })),
    sessions: sessions.map((session) => catalogSession(session, context)),
  });
}
