import { readOrganisation, readPages, readReferrals } from './load/from-disk.ts';
import { resolveCurriculum, type Curriculum } from './resolve.ts';
import type { ContentError } from './content-error.ts';
import type { Organisation } from './schemas/index.ts';

export interface CheckResult {
  curriculum?: Curriculum;
  organisation?: Organisation;
  errors: ContentError[];
}

/**
 * Reads and checks all content under `root`: every page's frontmatter, the organisation config,
 * the referral directory, and the links between them. Collects every error before returning, so
 * an author sees the whole list in one run.
 */
export function checkContent(root: string): CheckResult {
  const errors: ContentError[] = [];
  const organisation = readOrganisation(root);
  errors.push(...organisation.errors);
  const referrals = organisation.data ? readReferrals(root, organisation.data.country) : { errors: [] };
  errors.push(...referrals.errors);
  const pages = readPages(root);
  errors.push(...pages.errors);
  if (!organisation.data || !referrals.data) return { errors };
  const resolved = resolveCurriculum(pages.pages, referrals.data, pages.brokenIds);
  errors.push(...resolved.errors);
  return { curriculum: resolved.curriculum, organisation: organisation.data, errors };
}
