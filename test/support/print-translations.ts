import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContent } from '../../src/curriculum/check.ts';
import { readPages } from '../../src/curriculum/load/from-disk.ts';
import { siteLanguages } from '../../src/curriculum/schemas/organisation.ts';
import { printTranslations, type PrintTranslation } from '../../src/print/translations.ts';
import { projectRoot } from './content-root.ts';

/** The translated pages as the validator reads them from content/docs/<lang>/. */
export function translatedPages() {
  const { organisation } = checkContent(projectRoot);
  if (!organisation) throw new Error('content has errors');
  const languages = siteLanguages(organisation)
    .slice(1)
    .map((l) => l.code);
  return { languages, pages: languages.flatMap((onlyDir) => readPages(projectRoot, { onlyDir }).pages) };
}

/** What each translation prints, from content/: what `npm run pdf` must make in that language. */
export function sourcePrintTranslations(): PrintTranslation[] {
  const { curriculum } = checkContent(projectRoot);
  if (!curriculum) throw new Error('content has errors');
  const { languages, pages } = translatedPages();
  return printTranslations(curriculum, pages, languages);
}

/** A language's interface strings (content/i18n/<lang>.json). */
export const uiStrings = (lang: string) =>
  JSON.parse(readFileSync(join(projectRoot, 'content', 'i18n', `${lang}.json`), 'utf8')) as Record<string, string>;
