import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_PREFIX, wordsFrom, type Words } from '../../src/field-app/attendance/words.ts';

/** The field app's words in one language, as the page gives them to the script (prefix dropped). */
export function fieldTable(lang: string): Record<string, string> {
  const file = join(import.meta.dirname, '../../content/i18n', `${lang}.json`);
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(KEY_PREFIX))
      .map(([key, text]) => [key.slice(KEY_PREFIX.length), text]),
  );
}

/** What the screen says in Spanish and in English, for tests to compare with the page. */
export const es: Words = wordsFrom(fieldTable('es'));
export const en: Words = wordsFrom(fieldTable('en'));
