import { getEntry } from 'astro:content';
import organisation from 'virtual:tejido/organisation';
import { siteLanguages } from '../../curriculum/schemas/organisation.ts';
import { uiStringKeysSchema } from '../../curriculum/schemas/ui-strings.ts';
import { KEY_PREFIX } from './words.ts';

/**
 * The attendance script's words for one language, as the page writes them into its JSON script:
 * every `tejido.field.*` key but the markup's own `page.*` ones and register.ts's `update.*`, prefix dropped, templates left
 * whole (`{{name}}`: the script fills them). A key the language lacks falls back to the default
 * language's text, as Starlight's own strings do.
 */
export async function scriptWords(locale: string | undefined): Promise<Record<string, string>> {
  const defaultLang = siteLanguages(organisation)[0]!.code;
  const table = async (lang: string) => ((await getEntry('i18n', lang))?.data ?? {}) as Record<string, string>;
  const fallback = await table(defaultLang);
  const own = locale ? await table(locale) : fallback;
  const words: Record<string, string> = {};
  for (const key of Object.keys(uiStringKeysSchema.shape)) {
    if (!key.startsWith(KEY_PREFIX) || /^tejido\.field\.(page|update)\./.test(key)) continue;
    const text = own[key] ?? fallback[key];
    if (text !== undefined) words[key.slice(KEY_PREFIX.length)] = text;
  }
  return words;
}
