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
import { contentRoot } from './curriculum/astro/content-root.ts';

// Content lives in the top-level content/ folder (not src/content) so an organisation that
// reuses Tejido changes content/ only. The schemas are the ones the validator uses.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: contentPath('docs'), pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: curriculumFrontmatterSchema }),
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
