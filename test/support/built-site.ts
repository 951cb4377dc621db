import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContent } from '../../src/curriculum/check.ts';
import { projectRoot } from './content-root.ts';

/** The build under test: dist/ unless TEJIDO_DIST names another (`astro build --outDir …`). */
export const distDir = join(projectRoot, process.env.TEJIDO_DIST ?? 'dist');
export const clientDir = join(distDir, 'client');

/** The curriculum as the validator reads it from content/: what the build must reflect. */
export function sourceCurriculum() {
  const { curriculum, errors } = checkContent(projectRoot);
  if (!curriculum || errors.length) throw new Error(`content has errors: ${JSON.stringify(errors)}`);
  return curriculum;
}

/** The closed lists as content/vocabulary.yaml declares them: the labels the build must show. */
export function sourceVocabulary() {
  const { vocabulary, errors } = checkContent(projectRoot);
  if (!vocabulary || errors.length) throw new Error(`content has errors: ${JSON.stringify(errors)}`);
  return vocabulary;
}

/** A value's Spanish (source-language) label, e.g. `sourceLabel('audiences', 'lideresas')` → "Lideresas". */
export function sourceLabel(list: 'audiences' | 'methods' | 'topics', value: string): string {
  return sourceVocabulary()[list][value]?.es ?? value;
}

export function builtPage(slug: string): string {
  const file = join(clientDir, slug, 'index.html');
  if (!existsSync(file)) throw new Error(`${file} was not built — run \`npm run build\` first (npm test does)`);
  return readFileSync(file, 'utf8');
}
