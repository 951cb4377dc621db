import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentPaths, readLocalityFiles, readOrganisation, readPages, readReferrals } from './load/from-disk.ts';
import { checkLocalities, withLocalities } from './localities.ts';
import { orderProgrammes, resolveCurriculum, type BrokenIds, type Curriculum } from './resolve.ts';
import { checkTranslations, type CoverageRow } from './translations.ts';
import { checkAdaptations } from './adaptations.ts';
import { placeholderWarnings } from './placeholders.ts';
import { readUpstreamSnapshots } from './load/upstream.ts';
import { idsOfUnreadablePages } from './load/unreadable-ids.ts';
import { withRule, type ContentError, type RuledContentError } from './content-error.ts';
import { SCHEMA_RULE } from './rules/declared.ts';
import { configRules, organisationRules } from './rules/index.ts';
import { runRules } from './rules/rule.ts';
import { checkVocabularyLabels, readVocabulary } from './load/vocabulary.ts';
import type { Vocabulary } from './schemas/vocabulary.ts';
import { referralDirectoryOf, siteLanguages, type Organisation, type ReferralDirectory } from './schemas/index.ts';

export interface CheckResult {
  curriculum?: Curriculum;
  organisation?: Organisation;
  /** The organisation's closed lists (content/vocabulary.yaml), when that file is valid. */
  vocabulary?: Vocabulary;
  /** Every error, each named by its rule (src/curriculum/rules/). */
  errors: RuledContentError[];
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
  const errors: RuledContentError[] = [];
  const warnings: ContentError[] = [];
  const coverage: CoverageRow[] = [];
  const organisation = readOrganisation(root);
  // The loaders name the rules they know (yaml-syntax, a schema's own); the rest is `schema`.
  errors.push(...withRule(SCHEMA_RULE, organisation.errors));
  const org = organisation.data;
  const contentFileExists = (path: string) => existsSync(join(root, 'content', path));
  if (org) errors.push(...runRules(configRules, { organisation: org, contentFileExists }));

  // The closed lists first: every page's schema is built from them.
  const vocabulary = readVocabulary(root);
  errors.push(...withRule(SCHEMA_RULE, vocabulary.errors));
  if (vocabulary.data && org)
    errors.push(...withRule('vocabulary-labels', checkVocabularyLabels(vocabulary.data, org.defaultLanguage)));

  const national = org ? readReferrals(root, referralDirectoryOf(org)) : { errors: [] };
  errors.push(...withRule(SCHEMA_RULE, national.errors));
  // Local services per district: each region's file, then the rules across files.
  const local = org ? readLocalityFiles(root, referralDirectoryOf(org)) : { files: [], errors: [] };
  errors.push(...withRule(SCHEMA_RULE, local.errors));
  if (national.data) {
    const { country, localities } = national.data;
    const inline = localities ? [{ file: contentPaths.referrals(country), localities }] : [];
    errors.push(...withRule('locality-services', checkLocalities([...inline, ...local.files], national.data)));
  }
  const referrals = { data: national.data && withLocalities(national.data, local.files) };
  const translationDirs = org
    ? siteLanguages(org)
        .slice(1)
        .map((l) => l.code)
    : [];
  const pages = readPages(root, { skipDirs: translationDirs, vocabulary: vocabulary.data });
  errors.push(...withRule(SCHEMA_RULE, pages.errors));
  for (const [block, ids] of Object.entries(idsOfUnreadablePages(root, pages.errors)))
    for (const id of ids) pages.broken[block as keyof BrokenIds].add(id);
  for (const language of translationDirs) {
    const translated = readPages(root, { onlyDir: language, vocabulary: vocabulary.data });
    errors.push(...withRule(SCHEMA_RULE, translated.errors));
    const result = checkTranslations(language, pages.pages, translated.pages);
    errors.push(...withRule('translation-matches-source', result.errors));
    warnings.push(...result.warnings);
    coverage.push(...result.coverage);
  }
  if (!org || !referrals.data) return { errors, warnings, coverage };
  warnings.push(...untranslatedConfidentiality(referrals.data, referralDirectoryOf(org), translationDirs));

  const resolved = resolveCurriculum(pages.pages, referrals.data, pages.broken);
  errors.push(...resolved.errors);
  const input = { organisation: org, curriculum: resolved.curriculum, broken: pages.broken };
  errors.push(...runRules(organisationRules, input));
  const upstream = readUpstreamSnapshots(root);
  errors.push(...withRule(SCHEMA_RULE, upstream.errors));
  const adaptations = checkAdaptations(resolved.curriculum.sessions, upstream.snapshots);
  errors.push(...withRule('adaptation-matches-upstream', adaptations.errors));
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
