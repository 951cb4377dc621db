import { checkContent } from '../../src/curriculum/check.ts';
import { readPages } from '../../src/curriculum/load/from-disk.ts';
import { siteLanguages } from '../../src/curriculum/schemas/organisation.ts';
import { aidKits, type AidKit } from '../../src/print/aids/kits.ts';
import { projectRoot } from './content-root.ts';

/** Every kit of printable aids in every language, as the validator reads content/: what the build must print. */
export function sourceAidKits(): AidKit[] {
  const { curriculum, organisation } = checkContent(projectRoot);
  if (!curriculum || !organisation) throw new Error('content has errors');
  const languages = siteLanguages(organisation)
    .slice(1)
    .map((l) => l.code);
  return aidKits(
    curriculum,
    languages.flatMap((onlyDir) => readPages(projectRoot, { onlyDir }).pages),
    languages,
  );
}

/**
 * The A4 sheets an aid needs, counted here apart from the print code on purpose: cards 4 to a
 * sheet, pictograms 6, one sign per sheet, a whole poster on one.
 */
export function expectedSheets(aid: { kind: string; items: unknown[] }): number {
  const n = aid.items.length;
  return aid.kind === 'cards'
    ? Math.ceil(n / 4)
    : aid.kind === 'pictograms'
      ? Math.ceil(n / 6)
      : aid.kind === 'sign'
        ? n
        : 1;
}
