import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { curriculumFrontmatterSchema } from './curriculum/schemas/frontmatter.ts';
import { referralDirectorySchema } from './curriculum/schemas/referral.ts';
import { localityFileSchema } from './curriculum/schemas/locality.ts';
import { contentPath } from './curriculum/astro/content-root.ts';
import { uiStringsLoader } from './curriculum/astro/ui-strings-loader.ts';
import { uiStringsSchema } from './curriculum/schemas/ui-strings.ts';
import { officeStringsLoader } from './office/strings-loader.ts';
import { z } from 'zod';
import { readOrganisation } from './curriculum/load/from-disk.ts';
import { readVocabulary } from './curriculum/load/vocabulary.ts';
import { formatContentError } from './curriculum/content-error.ts';
import { contentRoot } from './curriculum/astro/content-root.ts';

// Content lives in the top-level content/ folder (not src/content) so an organisation that
// reuses Tejido changes content/ only. The schemas are the ones the validator uses, built from the
// same vocabulary file (content/vocabulary.yaml): astro.config.mjs has already refused the build
// if that file or any page breaks a rule, with every error listed.
const vocabularyFile = readVocabulary(contentRoot());
const vocabulary = vocabularyFile.data;
// Never an open schema for the site: without a vocabulary the config has already stopped the build.
if (!vocabulary) throw new Error(vocabularyFile.errors.map(formatContentError).join('\n'));

export const collections = {
  docs: defineCollection({
    loader: glob({ base: contentPath('docs'), pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: curriculumFrontmatterSchema({ vocabulary }) }),
  }),
  i18n: defineCollection({
    loader: uiStringsLoader(contentPath('i18n')),
    // Strict: Starlight's schema lets any key through, so a misspelt key would be silently ignored.
    schema: z.strictObject(i18nSchema({ extend: uiStringsSchema }).shape),
  }),
  // The programme office's words (src/office/): one entry per language, areas merged.
  officeStrings: defineCollection({
    loader: officeStringsLoader(
      contentPath('i18n', 'office'),
      readOrganisation(contentRoot()).data?.defaultLanguage ?? 'es',
    ),
    schema: z.record(z.string(), z.string()),
  }),
  referrals: defineCollection({
    loader: glob({ base: contentPath('referrals'), pattern: '*.yaml' }),
    schema: referralDirectorySchema,
  }),
  // Local services per district, one file per region: content/referrals/<country>/<region>.yaml
  // (entry id "<country>/<region>"). The rules across files ran in the content check.
  localities: defineCollection({
    loader: glob({ base: contentPath('referrals'), pattern: '*/*.{yaml,yml}' }),
    schema: localityFileSchema,
  }),
};
