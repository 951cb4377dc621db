import type { BrokenIds, Curriculum, PageInput } from '../resolve.ts';

/** What a cross-page rule reads: the pages that passed their schema, linked into a curriculum. */
export interface CurriculumInput {
  /** Every page whose frontmatter passed its schema, in file order. */
  pages: readonly PageInput[];
  /** The pages linked; where ids clash, the first page won (the rules report the clash). */
  curriculum: Curriculum;
  /** Ids declared by pages that failed their schema: already reported, so their consequences are not reported again. */
  broken: BrokenIds;
}

/** A manual's sessions in teaching order (resolve.ts has the same for pages; rules avoid importing it back). */
export function sessionsOfManual(curriculum: Curriculum, manualId: string): Curriculum['sessions'] {
  return curriculum.sessions.filter((s) => s.manual === manualId).sort((a, b) => a.order - b.order);
}
