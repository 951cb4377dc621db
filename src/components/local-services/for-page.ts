import { getEntry } from 'astro:content';
import organisation from 'virtual:tejido/organisation';
import { getCurriculum } from '../../curriculum/astro/curriculum.ts';
import { localServicesFile, type Translate } from './data.ts';

const cached = new Map<string, ReturnType<typeof build>>();

/**
 * The interface's sentences of one language (content/i18n/<lang>.json, the file Starlight reads),
 * falling back key by key to the organisation's default language. Read here rather than through
 * `Astro.locals.t` so the page that links the file and the route that writes it word it alike.
 */
async function translate(lang: string): Promise<Translate> {
  const own = ((await getEntry('i18n', lang))?.data ?? {}) as Record<string, string>;
  const fallback = ((await getEntry('i18n', organisation.defaultLanguage))?.data ?? {}) as Record<string, string>;
  return (key, vars = {}) =>
    (own[key] ?? fallback[key] ?? key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
}

async function build(lang: string) {
  const localities = (await getCurriculum()).referrals.localities ?? [];
  return localServicesFile(localities, await translate(lang), lang);
}

/** Every district's local services in this language, once per build: for the pages and for the route. */
export function localServicesIn(lang: string): ReturnType<typeof build> {
  let file = cached.get(lang);
  if (!file) cached.set(lang, (file = build(lang)));
  return file;
}
