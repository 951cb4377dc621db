import { join } from 'node:path';
import type { Plugin } from 'vite';
import { contentRoot } from '../curriculum/astro/content-root.ts';
import { sidebarStrings } from '../curriculum/astro/sidebar-strings.ts';
import { readOrganisation } from '../curriculum/load/from-disk.ts';

/** The module register.ts imports the update note's words from. */
export const UPDATE_NOTE_MODULE = 'virtual:tejido/update-note';

/** The note's two texts in one language. */
export interface UpdateNoteWords {
  text: string;
  reload: string;
}

/**
 * The "new version" note is drawn by the script every page loads (register.ts), on pages whose
 * markup this app does not write, so its words cannot come in the page. They come from
 * content/i18n/ at build time instead (`tejido.field.update.*`), every language's in the bundle:
 * a few dozen bytes, in a file the phone keeps cached.
 */
export function updateNotePlugin(): Plugin {
  const resolved = `\0${UPDATE_NOTE_MODULE}`;
  return {
    name: 'tejido:update-note',
    resolveId: (id) => (id === UPDATE_NOTE_MODULE ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      const root = contentRoot();
      const defaultLanguage = readOrganisation(root).data?.defaultLanguage ?? '';
      const words = sidebarStrings(join(root, 'content', 'i18n'), defaultLanguage);
      const [text, reload] = [words('tejido.field.update.text'), words('tejido.field.update.reload')];
      const byLang: Record<string, UpdateNoteWords> = { [defaultLanguage]: { text: text.label, reload: reload.label } };
      for (const lang of Object.keys(text.translations))
        byLang[lang] = { text: text.translations[lang]!, reload: reload.translations[lang] ?? reload.label };
      return `export default ${JSON.stringify({ fallback: defaultLanguage, byLang })};`;
    },
  };
}
