import { checkContent } from '../check.ts';
import { formatContentError, formatContentErrors } from '../content-error.ts';
import { join } from 'node:path';
import { curriculumSidebar } from './sidebar.ts';
import { sidebarStrings } from './sidebar-strings.ts';

/**
 * Run from astro.config.mjs: checks all content before Astro starts, so `astro build`,
 * `astro dev` and `astro check` all stop with the full list of content errors at once.
 */
export function loadCurriculumForConfig(root: string) {
  const result = checkContent(root);
  if (result.errors.length || !result.curriculum || !result.organisation || !result.vocabulary) {
    const error = new Error(formatContentErrors(result.errors));
    // Astro prints an error's stack; the list of content errors is all an author needs.
    error.stack = error.message;
    throw error;
  }
  for (const warning of result.warnings) console.warn(`[tejido] warning: ${formatContentError(warning)}`);
  const text = sidebarStrings(join(root, 'content', 'i18n'), result.organisation.defaultLanguage);
  return {
    organisation: result.organisation,
    vocabulary: result.vocabulary,
    curriculum: result.curriculum,
    sidebar: curriculumSidebar(result.curriculum, text),
    text,
  };
}
