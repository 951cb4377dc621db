import type { Plugin } from 'vite';

/**
 * Starlight templates whose one script now runs from the page script (src/chrome/page-chrome.ts).
 * The pattern is the script's render call as Astro's compiler leaves it in the compiled template.
 */
const MOVED = ['PageFrame', 'MobileTableOfContents'].map((name) => ({
  name,
  template: new RegExp(`@astrojs[\\\\/]starlight[\\\\/]dist[\\\\/]components[\\\\/]${name}\\.astro$`),
  script: new RegExp(
    `\\$\\{\\$\\$renderScript\\(\\$\\$result, "[^"]*${name}\\.astro\\?astro&type=script&index=0&lang\\.ts"\\)\\}`,
  ),
}));

/**
 * Takes the script tags out of Starlight's PageFrame and MobileTableOfContents: their code is in
 * the page script every page loads anyway, so a first visit asks for two files fewer (issue 13).
 * Fails the build if a template no longer has exactly that one script, so an upgrade of Starlight
 * cannot silently bring the requests back, nor drop behaviour the page script does not copy.
 */
export function scriptsIntoPageScript(): Plugin {
  return {
    name: 'tejido:scripts-into-page-script',
    transform(code, id) {
      const [file = '', query] = id.split('?');
      const moved = MOVED.find((m) => m.template.test(file));
      if (!moved) return;
      // The script module itself is still bundled (Astro lists it from the compiled file): left
      // empty, so the code it imports (Starlight's TOC element) stays inside the page script
      // instead of a chunk the two would share, which would be one more request.
      if (query?.startsWith('astro&type=script')) return { code: 'export {};', map: null };
      if (query) return;
      const calls = code.match(new RegExp(moved.script, 'g')) ?? [];
      if (calls.length !== 1 || (code.match(/\$\$renderScript\(/g) ?? []).length !== 1)
        this.error(
          `Starlight's ${moved.name}.astro changed: not exactly one script found; update src/chrome/page-chrome.ts and src/chrome/component-scripts.ts`,
        );
      return code.replace(moved.script, '');
    },
  };
}
