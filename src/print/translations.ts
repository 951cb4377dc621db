import { sessionsOfManual, type Curriculum } from '../curriculum/resolve.ts';
import type { PageFrontmatter } from '../curriculum/schemas/frontmatter.ts';

/** What a translation has of its own to print: the ids of its translated manuals, sessions and handout pages. */
export interface PrintTranslation {
  /** The language's code, e.g. "en": its print views are under /<lang>/print/, its PDFs under /pdf/<lang>/. */
  lang: string;
  /** Manuals whose page and every session are translated: a book in one language, never a mix. */
  manuals: string[];
  /** Sessions with a translated page: each gets a card in that language. */
  sessions: string[];
  /** Handout pages with a translated page: each gets its large-print sheet in that language. */
  handouts: string[];
}

/**
 * Per translation, what `npm run pdf` prints in it, from the translated pages (by URL path, which starts with the
 * language's code). Ids are read from each page's own block; the validator has made sure they are the source's.
 */
export function printTranslations(
  curriculum: Curriculum,
  pages: readonly { slug: string; data: PageFrontmatter }[],
  languages: readonly string[],
): PrintTranslation[] {
  return languages.map((lang) => {
    const own = pages.filter((p) => p.slug.startsWith(`${lang}/`)).map((p) => p.data);
    const ids = (of: (data: PageFrontmatter) => string | undefined) => new Set(own.flatMap((d) => of(d) ?? []));
    const sessions = ids((d) => d.session?.id);
    const manuals = ids((d) => d.manual?.id);
    const handouts = ids((d) => d.handout?.id);
    return {
      lang,
      manuals: curriculum.manuals
        .filter((m) => manuals.has(m.id) && sessionsOfManual(curriculum, m.id).every((s) => sessions.has(s.id)))
        .map((m) => m.id),
      sessions: curriculum.sessions.filter((s) => sessions.has(s.id)).map((s) => s.id),
      handouts: curriculum.handouts.filter((h) => handouts.has(h.id)).map((h) => h.id),
    };
  });
}

/** Whether a translation prints this manual, session or handout page in its own language. */
export function printsIn(
  translations: readonly PrintTranslation[],
  lang: string | undefined,
  kind: 'manuals' | 'sessions' | 'handouts',
  id: string,
): boolean {
  return lang !== undefined && (translations.find((t) => t.lang === lang)?.[kind].includes(id) ?? false);
}
