import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentError } from '../content-error.ts';
import type { BrokenIds } from '../resolve.ts';

const blocks = ['session', 'manual', 'programme', 'handout'] as const;

/**
 * The ids a page whose YAML cannot be read seems to declare (`session:` then an indented `id:`),
 * found in its text. The loader has no parsed value for such a page, so without this every page
 * that names it would report it missing too: one typo, many errors. Best effort, by design: a
 * page too broken for this still has its own yaml-syntax error.
 */
export function idsOfUnreadablePages(root: string, errors: readonly ContentError[]): BrokenIds {
  const ids: BrokenIds = { session: new Set(), manual: new Set(), programme: new Set(), handout: new Set() };
  const files = new Set(errors.filter((e) => e.rule === 'yaml-syntax').map((e) => e.file));
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const block of blocks) {
      const id = new RegExp(`^${block}:[ \\t]*\\r?\\n(?:[ \\t]+.*\\r?\\n)*?[ \\t]+id:[ \\t]*["']?([\\w-]+)`, 'm').exec(
        text,
      );
      if (id?.[1]) ids[block].add(id[1]);
    }
  }
  return ids;
}
