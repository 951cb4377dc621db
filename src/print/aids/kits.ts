import type { Curriculum } from '../../curriculum/resolve.ts';
import type { Aid } from '../../curriculum/schemas/aid.ts';
import type { PageFrontmatter } from '../../curriculum/schemas/frontmatter.ts';
import { kitSheets } from './layout.ts';

/** One session's printable aids in one language: one PDF. */
export interface AidKit {
  sessionId: string;
  /** Undefined for the default language; a translation's code (e.g. "en") otherwise. */
  lang?: string;
  /** The session page's title in that language. */
  title: string;
  aids: Aid[];
  /** A4 sheets the kit prints on. */
  sheets: number;
}

const kitOf = (sessionId: string, lang: string | undefined, title: string, aids: Aid[]): AidKit[] =>
  aids.length ? [{ sessionId, ...(lang ? { lang } : {}), title, aids, sheets: kitSheets(aids) }] : [];

/**
 * Every session's kit of printable aids: the source language's from the curriculum, then each
 * translated session page's own (its translated words with the source's ids and pictures, which
 * the validator checks), so a translated page links to a kit in its language.
 * `pages` are content pages by URL path (translations start with their language's code).
 */
export function aidKits(
  curriculum: Curriculum,
  pages: readonly { slug: string; data: PageFrontmatter }[],
  translations: readonly string[],
): AidKit[] {
  const ids = new Set(curriculum.sessions.map((s) => s.id));
  const source = curriculum.sessions.flatMap((s) => kitOf(s.id, undefined, s.title, s.aids));
  const translated = pages.flatMap((page) => {
    const lang = translations.find((code) => page.slug.startsWith(`${code}/`));
    const session = page.data.session;
    return lang && session && ids.has(session.id) ? kitOf(session.id, lang, page.data.title, session.aids) : [];
  });
  return [...source, ...translated];
}
