import { getCollection } from 'astro:content';
import organisation from 'virtual:tejido/organisation';
import { siteLanguages } from '../schemas/organisation.ts';
import { routeOfEntryId } from '../load/slug.ts';
import { aidKits, type AidKit } from '../../print/aids/kits.ts';
import { getCurriculum } from './curriculum.ts';

let cached: Promise<AidKit[]> | undefined;

/** Every session's kit of printable aids, in every language, from Astro's content collections. */
export function getAidKits(): Promise<AidKit[]> {
  cached ??= (async () => {
    const pages = (await getCollection('docs')).map((entry) => ({
      slug: routeOfEntryId(entry.id),
      data: entry.data,
    }));
    return aidKits(
      await getCurriculum(),
      pages,
      siteLanguages(organisation)
        .slice(1)
        .map((l) => l.code),
    );
  })();
  return cached;
}

/** The kit of a session in a language (undefined: the default language), if it has one. */
export async function getAidKit(sessionId: string, lang?: string): Promise<AidKit | undefined> {
  return (await getAidKits()).find((k) => k.sessionId === sessionId && k.lang === lang);
}
