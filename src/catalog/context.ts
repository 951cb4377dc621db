import type { APIContext } from 'astro';
import organisation from 'virtual:tejido/organisation';
import vocabulary from 'virtual:tejido/vocabulary';
import { getCurriculum } from '../curriculum/astro/curriculum.ts';
import type { CatalogContext } from './build.ts';
import { getPrintTranslations } from '../print/translated-pages.ts';

/** What the catalog endpoints need: the curriculum from the content collections, the organisation, its vocabulary, the site's address. */
export async function catalogContext({ site }: Pick<APIContext, 'site'>): Promise<CatalogContext> {
  if (!site) throw new Error('Set `site` in astro.config.mjs: the catalog lists absolute URLs.');
  return {
    curriculum: await getCurriculum(),
    organisation,
    vocabulary,
    site,
    translations: await getPrintTranslations(),
  };
}
