import { VOCABULARY_FILE, vocabularySchema, type Vocabulary } from '../schemas/vocabulary.ts';
import type { ContentError } from '../content-error.ts';
import { readYamlFile } from './from-disk.ts';

/**
 * Reads content/vocabulary.yaml, the organisation's closed lists. The validator and
 * content.config.ts both call this, then build the page schemas from what it returns.
 */
export function readVocabulary(root: string): { data?: Vocabulary; errors: ContentError[] } {
  return readYamlFile(
    root,
    VOCABULARY_FILE,
    vocabularySchema,
    'is missing — create it with the lists audiences, methods and topics (copy the one in Tejido and adapt it)',
  );
}

/**
 * Every value must have a label in the site's default language: that label is the one pages,
 * facets and the catalog fall back to. A missing one would show a bare id to a facilitator.
 */
export function checkVocabularyLabels(vocabulary: Vocabulary, defaultLanguage: string): ContentError[] {
  return (Object.keys(vocabulary) as (keyof Vocabulary)[]).flatMap((list) =>
    Object.entries(vocabulary[list])
      .filter(([, labels]) => labels[defaultLanguage] === undefined)
      .map(([value]) => ({
        file: VOCABULARY_FILE,
        field: `${list}.${value}`,
        message: `has no label in the default language (${defaultLanguage}) — add ${defaultLanguage}: … to it`,
      })),
  );
}
