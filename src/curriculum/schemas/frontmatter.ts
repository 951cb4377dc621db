import { z } from 'zod';
import { sessionSchema } from './session.ts';
import { manualSchema } from './manual.ts';
import { programmeSchema } from './programme.ts';
import { handoutSchema } from './handout.ts';
import type { VocabularyOption } from './vocabulary.ts';

/**
 * The curriculum's part of a page's frontmatter, built from the organisation's vocabulary.
 * Starlight's docs schema is extended with it (content.config.ts), and the validator parses the
 * same object, so both see one definition.
 */
export const curriculumFrontmatterSchema = (options: VocabularyOption = {}) =>
  z.object({
    session: sessionSchema(options).optional(),
    manual: manualSchema(options).optional(),
    programme: programmeSchema.optional(),
    handout: handoutSchema.optional(),
  });

/** What the validator checks of every page: Starlight's two text fields plus the curriculum blocks. */
export const pageFrontmatterSchema = (options: VocabularyOption = {}) =>
  curriculumFrontmatterSchema(options).extend({
    title: z.string().trim().min(1, { error: 'every page needs a title' }),
    description: z.string().trim().min(1).optional(),
  });

export type PageFrontmatter = z.output<ReturnType<typeof pageFrontmatterSchema>>;
