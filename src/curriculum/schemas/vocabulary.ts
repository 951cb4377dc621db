import { z } from 'zod';
import { nonEmptyText } from './common.ts';
import { organisationSchema } from './organisation.ts';

/**
 * The closed lists of the curriculum (audiences, methods, topics) are content: each organisation
 * writes its own in content/vocabulary.yaml, and the session, manual and agenda schemas are built
 * from that file (`sessionSchema({ vocabulary })`, like Starlight's `docsSchema({ extend })`).
 * The values are stable ids used in data and URLs; the labels are what a reader sees, per language.
 */

/** Where the vocabulary lives, relative to the folder that holds content/. */
export const VOCABULARY_FILE = 'content/vocabulary.yaml';

/** A value's id: lower-case letters and digits, words joined by "-" or "_" (e.g. `trabajo_grupal`). */
const VALUE_ID_RULE = 'must be lower-case letters and digits, words joined by - or _, like "trabajo_grupal"';
const valueId = z.string().regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { error: VALUE_ID_RULE });

/** A language tag, declared once with the organisation's languages: es, en, qu, es-PE. */
const languageTag = organisationSchema.shape.defaultLanguage;

/** One value's label in each language, e.g. `{ es: Género, en: Gender }`. The default language's label is required (check.ts). */
export const vocabularyLabelsSchema = z
  .record(languageTag, nonEmptyText)
  .refine((labels) => Object.keys(labels).length > 0, { error: 'needs a label, like { es: Género, en: Gender }' });

/** One closed list: value id → labels. Never empty, since a session must pick at least one. */
const listSchema = z
  .record(valueId, vocabularyLabelsSchema, {
    // zod reports a bad key as "Invalid key in record"; say what an id looks like instead.
    error: (issue) => (issue.code === 'invalid_key' ? `${VALUE_ID_RULE} — rename the id` : undefined),
  })
  .refine((list) => Object.keys(list).length > 0, { error: 'needs at least one value' });

/** content/vocabulary.yaml: the organisation's closed lists. */
export const vocabularySchema = z.strictObject({
  /** Who a session or manual is for (socias, lideresas, …): `session.audience`, `manual.audience`, the search's "Público". */
  audiences: listSchema,
  /** How an agenda step is run (dialogo, sociodrama, …): `session.agenda[].method`. */
  methods: listSchema,
  /** What a session is about (genero, ahorro, …): `session.topics`, the search's "Tema" and the catalog's labels. */
  topics: listSchema,
});

export type Vocabulary = z.output<typeof vocabularySchema>;
/** The name of one closed list in the vocabulary file. */
export type VocabularyList = keyof Vocabulary;

/** A list's value ids in the file's order: the order facets and checkboxes show them in. */
export function valuesOf(vocabulary: Vocabulary, list: VocabularyList): [string, ...string[]] {
  return Object.keys(vocabulary[list]) as [string, ...string[]];
}

/**
 * The field schema for one value of a list. With no vocabulary (its own file failed, and that was
 * reported) any id passes, so the rest of the content is still checked in the same run.
 */
export function vocabularyValue(vocabulary: Vocabulary | undefined, list: VocabularyList) {
  return vocabulary ? z.enum(valuesOf(vocabulary, list)) : valueId;
}

/** What the schema factories take: the checked vocabulary (see `vocabularyValue` for undefined). */
export interface VocabularyOption {
  /** The organisation's content/vocabulary.yaml, parsed with `vocabularySchema`. */
  vocabulary?: Vocabulary;
}

/**
 * A value's label in a language: that language's, else the default language's, else the first
 * one written, else the id itself (a value a newer content added and an old build does not know).
 */
export function vocabularyLabel(
  vocabulary: Vocabulary,
  list: VocabularyList,
  value: string,
  lang: string,
  defaultLanguage: string,
): string {
  const labels = vocabulary[list][value];
  if (!labels) return value;
  return labels[lang] ?? labels[defaultLanguage] ?? Object.values(labels)[0] ?? value;
}

/** Every value of a list with its label in one language, in the file's order (the catalog's `labels`). */
export function labelsIn(vocabulary: Vocabulary, list: VocabularyList, lang: string): Record<string, string> {
  return Object.fromEntries(
    valuesOf(vocabulary, list).map((v) => [v, vocabularyLabel(vocabulary, list, v, lang, lang)]),
  );
}

/**
 * Kinds of community mobilisation activity (manual 3). Activity guides name one, and the
 * attendance API records each activity held under one of these, with people reached as counts.
 * They stay in code, unlike the lists above: they are codes of the API's contract and of the
 * database (`activities.activity_type`), which a built server must know without the content.
 */
export const activityTypes = {
  radio: 'Spot o programa de radio',
  feria: 'Stand en feria o fiesta',
  sociodrama: 'Sociodrama en la plaza',
  '25-noviembre': 'Acción del 25 de noviembre',
  escuela: 'Charla en la escuela',
  'establecimiento-de-salud': 'Trabajo con el establecimiento de salud',
  autoridades: 'Reunión con autoridades locales',
} as const;

export type ActivityType = keyof typeof activityTypes;

/** zod's enum wants a non-empty tuple; the list above is never empty. */
export function keysOf<T extends Record<string, string>>(list: T) {
  return Object.keys(list) as [keyof T & string, ...(keyof T & string)[]];
}
