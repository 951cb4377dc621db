import { z } from 'zod';
import {
  activityTypes,
  idSchema,
  keysOf,
  manualSchema,
  organisationSchema,
  pageFrontmatterSchema,
  programmeSchema,
  referralDirectorySchema,
  sessionSchema,
  vocabularyValue,
  type Vocabulary,
  type VocabularyList,
} from '../curriculum/schemas/index.ts';

/**
 * Version of the catalog's shape (semver). Raise MINOR when a field is added, MAJOR when one is
 * removed, renamed or changes meaning: other systems check it before they read the catalog.
 */
export const CATALOG_SCHEMA_VERSION = '1.1.0';

/**
 * The catalog is built from the curriculum's own schemas: every field a session, manual or
 * programme declares shows up here (and in catalog.schema.json) without being written again.
 * Only what the catalog adds — URLs, position, where the file lives — is declared in this file.
 * Like the page schemas, they are built from the organisation's vocabulary (content/vocabulary.yaml),
 * so catalog.schema.json lists that organisation's audiences, topics and methods.
 */
/** A translation's language code, as the organisation lists it (`languages[].code`). */
const translationLanguage = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/);

/** Where a translation's page and PDF are, by language: only the languages that print it (1.1.0). */
const translatedUrls = <T extends z.ZodRawShape>(shape: T, what: string) =>
  z
    .record(translationLanguage, z.object(shape))
    .optional()
    .meta({
      description: `${what} in each language that has it translated, by language code. Absent when none has.`,
    });

function buildCatalogSchemas(vocabulary: Vocabulary) {
  /** A page's title and summary, as the page's frontmatter declares them. */
  const pageText = pageFrontmatterSchema({ vocabulary }).pick({ title: true, description: true });

  const absoluteUrl = z.url();

  /** Where a PDF will be; the print step writes it, so it exists only on sites built with it. */
  const pdfUrl = (what: string) =>
    absoluteUrl.meta({
      description: `${what} PDF. The file exists once the site owner has run \`npm run pdf\` after the build; expect a 404 otherwise.`,
    });

  // The ids name the entries under `$defs` in catalog.schema.json, so one session file can be
  // checked on its own against `catalog.schema.json#/$defs/Session`.
  const catalogProgrammeSchema = programmeSchema
    .extend({
      ...pageText.shape,
      urls: z.object({ page: absoluteUrl.meta({ description: "The programme's page." }) }),
    })
    .meta({ id: 'Programme' });

  const catalogManualSchema = manualSchema({ vocabulary })
    .extend({
      ...pageText.shape,
      programme: idSchema.meta({ description: 'Id of the programme the manual belongs to.' }),
      urls: z.object({
        page: absoluteUrl.meta({ description: "The manual's page: introduction, sessions in order, glossary." }),
        bookPdf: pdfUrl('The whole manual as a printable book'),
        translations: translatedUrls(
          {
            page: absoluteUrl.meta({ description: "The translated manual's page." }),
            bookPdf: pdfUrl('The whole translated manual as a printable book'),
          },
          'The page and book',
        ),
      }),
    })
    .meta({ id: 'Manual' });

  const catalogSessionSchema = sessionSchema({ vocabulary })
    .extend({
      ...pageText.shape,
      programme: idSchema.meta({ description: 'Id of the programme the session belongs to.' }),
      manual: idSchema.meta({ description: 'Id of the manual that lists the session.' }),
      order: z.int().positive().meta({ description: "1-based position of the session in its manual's order." }),
      language: organisationSchema.shape.defaultLanguage.meta({
        description: 'Language of the text, as a BCP 47 tag.',
      }),
      source: z.string().meta({
        description: 'The MDX file the session is written in, e.g. content/docs/<programme>/<manual>/<session>.mdx.',
      }),
      urls: z.object({
        page: absoluteUrl.meta({
          description: 'The session\'s page: the "Preparar la sesión" panel and the step-by-step guide.',
        }),
        json: absoluteUrl.meta({ description: 'This entry alone, as /catalog/sessions/<id>.json.' }),
        cardPdf: pdfUrl('The session card (a short printable summary)'),
        translations: translatedUrls(
          {
            page: absoluteUrl.meta({ description: "The translated session's page." }),
            cardPdf: pdfUrl('The translated session card'),
          },
          'The page and card',
        ),
      }),
    })
    .meta({ id: 'Session' });

  /** Labels of the closed lists, so another system can show "Lideresas" where the data says `lideresas`. */
  const labelsOf = (list: VocabularyList) => z.record(vocabularyValue(vocabulary, list), z.string());

  const catalogSchema = z
    .object({
      $schema: absoluteUrl.meta({ description: 'Address of this JSON Schema (catalog.schema.json).' }),
      schemaVersion: z.literal(CATALOG_SCHEMA_VERSION).meta({ description: 'Version of the catalog shape (semver).' }),
      organisation: z.object({
        name: organisationSchema.shape.name,
        shortName: organisationSchema.shape.shortName,
        country: organisationSchema.shape.country,
        region: organisationSchema.shape.region,
        contact: organisationSchema.shape.contact,
      }),
      language: organisationSchema.shape.defaultLanguage.meta({ description: 'Language of the source content.' }),
      site: absoluteUrl.meta({ description: 'Home page of the site the catalog describes.' }),
      labels: z.object({
        audience: labelsOf('audiences'),
        topic: labelsOf('topics'),
        method: labelsOf('methods'),
        activityType: z.record(z.enum(keysOf(activityTypes)), z.string()),
      }),
      referrals: referralDirectorySchema.meta({
        description: 'The referral directory that `safety.referral` keys point into.',
      }),
      programmes: z.array(catalogProgrammeSchema),
      manuals: z.array(catalogManualSchema),
      sessions: z.array(catalogSessionSchema),
    })
    .meta({
      title: 'Tejido curriculum catalog',
      description: 'Every programme, manual and session of a Tejido site, with their metadata and URLs.',
    });
  return {
    programme: catalogProgrammeSchema,
    manual: catalogManualSchema,
    session: catalogSessionSchema,
    catalog: catalogSchema,
  };
}

type CatalogSchemas = ReturnType<typeof buildCatalogSchemas>;
const built = new WeakMap<Vocabulary, CatalogSchemas>();

/** The catalog's schemas for a vocabulary, built once per vocabulary (every session entry is parsed with them). */
export function catalogSchemas(vocabulary: Vocabulary): CatalogSchemas {
  let schemas = built.get(vocabulary);
  if (!schemas) built.set(vocabulary, (schemas = buildCatalogSchemas(vocabulary)));
  return schemas;
}

export type Catalog = z.output<CatalogSchemas['catalog']>;
export type CatalogSession = z.output<CatalogSchemas['session']>;

/** catalog.schema.json: generated from the zod schemas above, never written by hand. */
export function catalogJsonSchema(schemaUrl: string, vocabulary: Vocabulary) {
  return { $id: schemaUrl, ...z.toJSONSchema(catalogSchemas(vocabulary).catalog, { target: 'draft-2020-12' }) };
}
