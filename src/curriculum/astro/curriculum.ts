import { getCollection } from 'astro:content';
import { routeOfEntryId } from '../load/slug.ts';
import { referralDirectoryOf, siteLanguages } from '../schemas/organisation.ts';
import { orderProgrammes, resolveCurriculum, type Curriculum, type Session } from '../resolve.ts';
import { checkTranslations } from '../translations.ts';
import { withLocalities } from '../localities.ts';
import organisation from 'virtual:tejido/organisation';

let cached: Promise<Curriculum> | undefined;

/**
 * The resolved curriculum from Astro's content collections, for pages and endpoints.
 * The content was already checked when the config loaded; this only links it.
 */
export function getCurriculum(): Promise<Curriculum> {
  cached ??= (async () => {
    const docs = await getCollection('docs');
    const directories = await getCollection('referrals');
    const directory = referralDirectoryOf(organisation);
    const national = directories.find((d) => d.id === directory)?.data;
    if (!national) throw new Error(`No referral directory "${directory}"`);
    const regions = (await getCollection('localities'))
      .filter((entry) => entry.id.startsWith(`${directory}/`))
      .sort((a, b) => a.id.localeCompare(b.id));
    const files = regions.map((entry) => ({ file: entry.filePath ?? entry.id, localities: entry.data.localities }));
    const referrals = withLocalities(national, files);
    const translations = siteLanguages(organisation)
      .slice(1)
      .map((l) => `${l.code}/`);
    const pages = docs
      .map((entry) => ({
        file: entry.filePath ?? entry.id,
        slug: routeOfEntryId(entry.id),
        data: entry.data,
      }))
      // Translations are pages of their own; the curriculum is the source language's.
      .filter((page) => !translations.some((prefix) => `${page.slug}/`.startsWith(prefix)));
    return orderProgrammes(resolveCurriculum(pages, referrals).curriculum, organisation.programmes);
  })();
  return cached;
}

export async function getSession(id: string): Promise<Session> {
  const session = (await getCurriculum()).sessions.find((s) => s.id === id);
  if (!session) throw new Error(`Unknown session id "${id}"`);
  return session;
}

/**
 * Titles and links of pages in a language: a translated page's own title and /<lang>/ link
 * where it exists, the source's otherwise (Starlight shows the source with a notice there too).
 */
export async function localizedPages(
  locale: string | undefined,
): Promise<(slug: string, fallbackTitle: string) => { href: string; title: string }> {
  const prefix = locale ? `/${locale}` : '';
  const titles = new Map<string, string>();
  if (locale) {
    for (const entry of await getCollection('docs')) {
      const slug = routeOfEntryId(entry.id);
      if (slug.startsWith(`${locale}/`)) titles.set(slug.slice(locale.length + 1), entry.data.title);
    }
  }
  return (slug, fallbackTitle) => ({ href: `${prefix}/${slug}/`, title: titles.get(slug) ?? fallbackTitle });
}

/** Each language's coverage: every programme, manual and session page translated, outdated or missing. */
export async function getTranslationCoverage() {
  const docs = (await getCollection('docs')).map((entry) => ({
    file: entry.filePath ?? entry.id,
    slug: routeOfEntryId(entry.id),
    data: entry.data,
  }));
  return siteLanguages(organisation)
    .slice(1)
    .map((language) => {
      const inLanguage = (p: { slug: string }) => `${p.slug}/`.startsWith(`${language.code}/`);
      const others = siteLanguages(organisation)
        .slice(1)
        .map((l) => l.code);
      const sources = docs.filter((p) => !others.some((code) => `${p.slug}/`.startsWith(`${code}/`)));
      return { language, rows: checkTranslations(language.code, sources, docs.filter(inLanguage)).coverage };
    });
}

/**
 * Every page's title in the source language and, where it is translated, in `locale`, by slug
 * (without the locale prefix): what the sidebar and prev/next need to speak the page's language.
 */
export async function pageTitles(locale: string): Promise<Map<string, { source?: string; translated?: string }>> {
  const titles = new Map<string, { source?: string; translated?: string }>();
  for (const entry of await getCollection('docs')) {
    const slug = routeOfEntryId(entry.id);
    const translated = slug === locale || slug.startsWith(`${locale}/`);
    const key = translated ? slug.slice(locale.length + 1) : slug;
    titles.set(key, { ...titles.get(key), [translated ? 'translated' : 'source']: entry.data.title });
  }
  return titles;
}
