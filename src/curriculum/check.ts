import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentPaths, readLocalityFiles, readOrganisation, readPages, readReferrals } from './load/from-disk.ts';
import { checkLocalities, withLocalities } from './localities.ts';
import { orderProgrammes, resolveCurriculum, type Curriculum } from './resolve.ts';
import { checkTranslations, type CoverageRow } from './translations.ts';
import { checkAdaptations } from './adaptations.ts';
import { placeholderWarnings } from './placeholders.ts';
import { readUpstreamSnapshots } from './load/upstream.ts';
import { checkVocabularyLabels, readVocabulary } from './load/vocabulary.ts';
import type { Vocabulary } from './schemas/vocabulary.ts';
import type { ContentError } from './content-error.ts';
import { referralDirectoryOf, siteLanguages, type Organisation, type ReferralDirectory } from './schemas/index.ts';

export interface CheckResult {
  curriculum?: Curriculum;
  organisation?: Organisation;
  /** The organisation's closed lists (content/vocabulary.yaml), when that file is valid. */
  vocabulary?: Vocabulary;
  errors: ContentError[];
  /** Problems that do not stop the build, e.g. a translation older than its source. */
  warnings: ContentError[];
  coverage: CoverageRow[];
}

/**
 * Reads and checks all content under `root` (the folder that holds content/): the organisation
 * config, the referral directory, every page's frontmatter, the links between them, and every
 * translation against its source. Collects every error before returning, so an author sees the
 * whole list in one run.
 */
export function checkContent(root: string): CheckResult {
  const errors: ContentError[] = [];
  const warnings: ContentError[] = [];
  const coverage: CoverageRow[] = [];
  const organisation = readOrganisation(root);
  errors.push(...organisation.errors);
  const org = organisation.data;
  if (org?.logo && !existsSync(join(root, 'content', org.logo)))
    errors.push({
      file: contentPaths.organisation,
      field: 'logo',
      message: `the file content/${org.logo} does not exist — add it or fix the path`,
    });

  // The closed lists first: every page's schema is built from them.
  const vocabulary = readVocabulary(root);
  errors.push(...vocabulary.errors);
  if (vocabulary.data && org) errors.push(...checkVocabularyLabels(vocabulary.data, org.defaultLanguage));

  const national = org ? readReferrals(root, referralDirectoryOf(org)) : { errors: [] };
  errors.push(...national.errors);
  // Local services per district: each region's file, then the rules across files.
  const local = org ? readLocalityFiles(root, referralDirectoryOf(org)) : { files: [], errors: [] };
  errors.push(...local.errors);
  if (national.data) {
    const { country, localities } = national.data;
    const inline = localities ? [{ file: contentPaths.referrals(country), localities }] : [];
    errors.push(...checkLocalities([...inline, ...local.files], national.data));
  }
  const referrals = { data: national.data && withLocalities(national.data, local.files) };
  const translationDirs = org
    ? siteLanguages(org)
        .slice(1)
        .map((l) => l.code)
    : [];
  const pages = readPages(root, { skipDirs: translationDirs, vocabulary: vocabulary.data });
  errors.push(...pages.errors);
  for (const language of translationDirs) {
    const translated = readPages(root, { onlyDir: language, vocabulary: vocabulary.data });
    errors.push(...translated.errors);
    const result = checkTranslations(language, pages.pages, translated.pages);
    errors.push(...result.errors);
    warnings.push(...result.warnings);
    coverage.push(...result.coverage);
  }
  if (!org || !referrals.data) return { errors, warnings, coverage };
  warnings.push(...untranslatedConfidentiality(referrals.data, referralDirectoryOf(org), translationDirs));

  const resolved = resolveCurriculum(pages.pages, referrals.data, pages.broken);
  errors.push(...resolved.errors);
  org.programmes?.forEach((id, i) => {
    if (!resolved.curriculum.programmes.some((p) => p.id === id))
      errors.push({
        file: contentPaths.organisation,
        field: `programmes[${i}]`,
        message: `there is no programme "${id}" — use one of: ${resolved.curriculum.programmes.map((p) => p.id).join(', ')}`,
      });
  });
  errors.push(...checkSafetyPlan(resolved.curriculum, org, pages.broken.handout));
  const upstream = readUpstreamSnapshots(root);
  errors.push(...upstream.errors);
  const adaptations = checkAdaptations(resolved.curriculum.sessions, upstream.snapshots);
  errors.push(...adaptations.errors);
  warnings.push(...adaptations.warnings);
  warnings.push(...placeholderWarnings(contentPaths.referrals(referralDirectoryOf(org)), referrals.data));
  warnings.push(...placeholderWarnings(contentPaths.organisation, org));
  return {
    curriculum: orderProgrammes(resolved.curriculum, org.programmes),
    organisation: org,
    vocabulary: vocabulary.data,
    errors,
    warnings,
    coverage,
  };
}

/**
 * Every safety box links to the safety-plan handout the organisation names, so that id must be a
 * handout page; and once any session has a safety box, the organisation must name one.
 */
function checkSafetyPlan(curriculum: Curriculum, org: Organisation, brokenHandouts: Set<string>): ContentError[] {
  const id = org.safetyPlanHandout;
  const at = { file: contentPaths.organisation, field: 'safetyPlanHandout' };
  if (id === undefined) {
    const boxed = curriculum.sessions.find((s) => s.safety);
    if (!boxed) return [];
    const message =
      `is missing — every safety box links to a safety plan (${boxed.file} has a box): ` +
      'add the id of a handout page, like safetyPlanHandout: hoja-plan-de-seguridad';
    return [{ ...at, message }];
  }
  if (curriculum.handouts.some((h) => h.id === id) || brokenHandouts.has(id)) return [];
  const known = curriculum.handouts.map((h) => h.id).join(', ') || 'none yet';
  const message =
    `no handout has the id "${id}" — fix the id or add a page with a handout block (id: ${id}); ` +
    `handouts: ${known}`;
  return [{ ...at, message }];
}

/**
 * A site language the confidentiality block has no words for: its safety boxes fall back to the
 * directory's own language. Not an error (a new language is added page by page), but a warning.
 */
function untranslatedConfidentiality(
  directory: ReferralDirectory,
  name: string,
  languages: readonly string[],
): ContentError[] {
  const file = contentPaths.referrals(name);
  return languages
    .filter((language) => !directory.confidentiality.translations?.[language])
    .map((language) => ({
      file,
      field: `confidentiality.translations.${language}`,
      message:
        `is missing — pages in "${language}" show the limits of confidentiality in the directory's own ` +
        'language; translate the block',
    }));
}
