import organisation from 'virtual:tejido/organisation';
import vocabulary from 'virtual:tejido/vocabulary';
import { labelledLists } from '../schemas/ui-strings.ts';
import { vocabularyLabel, type VocabularyList } from '../schemas/vocabulary.ts';

type Translator = App.Locals['t'];

/** The label kinds pages name, and the vocabulary list (content/vocabulary.yaml) each reads. */
const listOf = { audience: 'audiences', method: 'methods', topic: 'topics' } as const satisfies Record<
  string,
  VocabularyList
>;
type Kind = keyof typeof listOf | keyof typeof labelledLists;

/**
 * The label of a closed-list value in the page's language (`lang`, the default language when not
 * given). Audiences, methods and topics are labelled in content/vocabulary.yaml; an activity type
 * by a translation file's `tejido.activity.<value>`, else its source label.
 */
export function labelOf(t: Translator, kind: Kind, value: string, lang = organisation.defaultLanguage): string {
  if (kind in listOf)
    return vocabularyLabel(vocabulary, listOf[kind as keyof typeof listOf], value, lang, organisation.defaultLanguage);
  const key = `tejido.${kind}.${value}`;
  // Label keys are built from the lists (ui-strings.ts `labelKeys`), so Starlight's typed key list lacks them.
  if (t.exists(key)) return (t as unknown as (key: string) => string)(key);
  return (labelledLists.activity as Record<string, string>)[value] ?? value;
}
