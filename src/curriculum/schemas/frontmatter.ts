import { z } from 'zod';
import { sessionSchema } from './session.ts';
import { manualSchema } from './manual.ts';
import { programmeSchema } from './programme.ts';
import { handoutSchema } from './handout.ts';

/**
 * The curriculum's part of a page's frontmatter. Starlight's docs schema is extended with it
 * (content.config.ts), and the validator parses the same object, so both see one definition.
 */
export const curriculumFrontmatterSchema = z.object({
  session: sessionSchema.optional(),
  manual: manualSchema.optional(),
  programme: programmeSchema.optional(),
  handout: handoutSchema.optional(),
});

/** What the validator checks of every page: Starlight's two text fields plus the curriculum blocks. */
export const pageFrontmatterSchema = curriculumFrontmatterSchema.extend({
  title: z.string().trim().min(1, { error: 'every page needs a title' }),
  description: z.string().trim().min(1).optional(),
});

export type PageFrontmatter = z.output<typeof pageFrontmatterSchema>;
