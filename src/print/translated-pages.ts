// Astro's side of translations.ts: the translated pages from the content collections, for the print
// routes under /<lang>/print/ and for the links that point at their PDFs.
import { getCollection, render, type CollectionEntry } from 'astro:content';
import organisation from 'virtual:tejido/organisation';
import { siteLanguages } from '../curriculum/schemas/organisation.ts';
import { routeOfEntryId } from '../curriculum/load/slug.ts';
import { getCurriculum } from '../curriculum/astro/curriculum.ts';
import { printTranslations, type PrintTranslation } from './translations.ts';
import type { Book } from './book.ts';
import { bodyOf } from './entries.ts';

type Entry = CollectionEntry<'docs'>;
let cached: Promise<{ translations: PrintTranslation[]; pages: { slug: string; entry: Entry }[] }> | undefined;

function load() {
  cached ??= (async () => {
    const languages = siteLanguages(organisation)
      .slice(1)
      .map((l) => l.code);
    const pages = (await getCollection('docs'))
      // Astro's own entry id, as the site's curriculum takes it (src/curriculum/load/slug.ts).
      .map((entry) => ({ slug: routeOfEntryId(entry.id), entry }))
      .filter((p) => languages.some((code) => p.slug.startsWith(`${code}/`)));
    const inputs = pages.map((p) => ({ slug: p.slug, data: p.entry.data }));
    return { translations: printTranslations(await getCurriculum(), inputs, languages), pages };
  })();
  return cached;
}

/** What each translation prints in its own language (translations.ts). */
export async function getPrintTranslations(): Promise<PrintTranslation[]> {
  return (await load()).translations;
}

/** What one language prints; an empty set for the default language (undefined) or one with nothing printed. */
export async function printTranslationOf(lang: string | undefined): Promise<PrintTranslation> {
  const found = lang ? (await getPrintTranslations()).find((t) => t.lang === lang) : undefined;
  return found ?? { lang: lang ?? '', manuals: [], sessions: [], handouts: [] };
}

/** A translated page by the id of its block (`session`, `manual` or `handout`), with its rendered body. */
export async function translatedPage(lang: string, kind: 'session' | 'manual' | 'handout', id: string) {
  const page = (await load()).pages.find((p) => p.slug.startsWith(`${lang}/`) && p.entry.data[kind]?.id === id);
  if (!page) throw new Error(`No ${lang} page for ${kind} "${id}"`);
  return { data: page.entry.data, Body: (await render(page.entry)).Content };
}

/**
 * A manual's book in a language: the default language's as it is, or a translation's with the translated
 * pages' titles, summaries, glossary and bodies (the book route prints only manuals translated whole).
 */
export async function bookIn(book: Book, lang: string | undefined) {
  if (!lang) {
    return {
      book,
      Introduction: await bodyOf(book.manual.file),
      chapters: await Promise.all(
        book.sessions.map(async (session) => ({ session, own: undefined, Body: await bodyOf(session.file) })),
      ),
    };
  }
  const manualPage = await translatedPage(lang, 'manual', book.manual.id);
  const programmePage = book.programme && (await findTranslated(lang, 'programme', book.programme.id));
  const chapters = await Promise.all(
    book.sessions.map(async (source) => {
      const page = await translatedPage(lang, 'session', source.id);
      const session = { ...source, title: page.data.title, summary: page.data.description ?? source.summary };
      return { session, own: page.data.session, Body: page.Body };
    }),
  );
  const titled = new Map(chapters.map((c) => [c.session.id, c.session]));
  const manual = {
    ...book.manual,
    title: manualPage.data.title,
    description: manualPage.data.description ?? book.manual.description,
    glossary: manualPage.data.manual?.glossary ?? book.manual.glossary,
  };
  const programme = book.programme && { ...book.programme, title: programmePage?.title ?? book.programme.title };
  const sessions = book.sessions.map((s) => titled.get(s.id) ?? s);
  const days = book.days.map((d) => ({ ...d, sessions: d.sessions.map((s) => titled.get(s.id) ?? s) }));
  return { book: { ...book, manual, programme, sessions, days }, Introduction: manualPage.Body, chapters };
}

/** A translated page's frontmatter by its block's id, or undefined where the language has none. */
async function findTranslated(lang: string, kind: 'programme', id: string) {
  return (await load()).pages.find((p) => p.slug.startsWith(`${lang}/`) && p.entry.data[kind]?.id === id)?.entry.data;
}
