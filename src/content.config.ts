import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { curriculumFrontmatterSchema } from './curriculum/schemas/frontmatter.ts';
import { referralDirectorySchema } from './curriculum/schemas/referral.ts';
import { uiStringsLoader } from './curriculum/astro/ui-strings-loader.ts';
import { uiStringsSchema } from './curriculum/schemas/ui-strings.ts';

// Content lives in the top-level content/ folder (not src/content) so an organisation that
// reuses Tejido changes content/ only. The schemas are the ones the validator uses.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: curriculumFrontmatterSchema }),
  }),
  i18n: defineCollection({
    loader: uiStringsLoader('./content/i18n'),
    schema: i18nSchema({ extend: uiStringsSchema }),
  }),
  referrals: defineCollection({
    loader: glob({ base: './content/referrals', pattern: '*.yaml' }),
    schema: referralDirectorySchema,
  }),
};
