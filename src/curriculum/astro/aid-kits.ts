import { getCollection } from 'astro:content';
import organisation from 'virtual:tejido/organisation';
import { siteLanguages } from '../schemas/organisation.ts';
import { slugOf } from '../load/from-disk.ts';
import { kitOf, type AidKit } from '../../print/aids/kits.ts';
import { getCurriculum } from './curriculum.ts';

let cached: Promise<AidKit[]> | undefined;

/**
 * Every session's kit of printable aids: the source language's from the curriculum, then each
 * translated session page's own (its translated words, the source's ids and pictures: the
 * validator checks that), so the English page links to an English kit.
 */
export function getAidKits(): Promise<AidKit[]> {
  cached ??= (async () => {
    const curriculum = await getCurriculum();
    const ids = new Set(curriculum.sessions.map((s) => s.id));
    const source = curriculum.sessions.map((s) => kitOf({ sessionId: s.id, title: s.title, aids: s.aids }));
    const languages = siteLanguages(organisation).slice(1).map((l) => l.code);
    const translated = (await getCollection('docs')).map((entry) => {
      const slug = slugOf(entry.filePath?.split('content/docs/').pop() ?? entry.id);
      const lang = languages.find((code) => slug.startsWith(`${code}/`));
      const session = entry.data.session;
      if (!lang || !session || !ids.has(session.id)) return undefined;
      return kitOf({ sessionId: session.id, lang, title: entry.data.title, aids: session.aids });
    });
    return [...source, ...translated].filter((k): k is AidKit => k !== undefined);
  })();
  return cached;
}

/** The kit of a session in a language (undefined: the default language), if it has one. */
export async function getAidKit(sessionId: string, lang?: string): Promise<AidKit | undefined> {
  return (await getAidKits()).find((k) => k.sessionId === sessionId && k.lang === lang);
}
