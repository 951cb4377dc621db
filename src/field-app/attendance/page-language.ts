import { getCollection } from 'astro:content';
import { localizedPages } from '../../curriculum/astro/curriculum.ts';
import { routeOfEntryId } from '../../curriculum/load/slug.ts';
import type { InLanguage } from './sessions.ts';

/**
 * How the attendance screen under /<locale>/ names sessions, manuals and agenda steps: a translated
 * page's own titles where it exists, the source's elsewhere (ids never change, so a roll call
 * taken in any language is the same roll call). The default language (no locale) is the source.
 */
export async function screenLanguage(locale: string | undefined): Promise<InLanguage> {
  const pages = await localizedPages(locale);
  const steps = new Map<string, string[]>();
  if (locale)
    for (const entry of await getCollection('docs')) {
      // Astro's own entry id, as the site's curriculum takes it (src/curriculum/load/slug.ts).
      const slug = routeOfEntryId(entry.id);
      const agenda = (entry.data as { session?: { agenda?: { title: string }[] } }).session?.agenda;
      if (agenda && slug.startsWith(`${locale}/`))
        steps.set(
          slug.slice(locale.length + 1),
          agenda.map((step) => step.title),
        );
    }
  return { titleOf: (slug, title) => pages(slug, title).title, stepTitlesOf: (slug) => steps.get(slug) };
}
