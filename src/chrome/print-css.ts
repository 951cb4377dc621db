import type { Plugin } from 'vite';

/** Starlight's page template and the line in it that links its print stylesheet. */
const PAGE = /@astrojs[\\/]starlight[\\/]dist[\\/]components[\\/]Page\.astro$/;
// As Astro's compiler leaves them (this plugin sees the compiled template, not its source).
const PRINT_LINK = '<link rel="stylesheet"${$$addAttribute(printHref, "href")} media="print">';
const PRINT_IMPORT = 'import printHref from "../style/print.css?url&no-inline";';

/**
 * Starlight links its print stylesheet with `media="print"`, and browsers still download such a
 * stylesheet on every first visit (at low priority, but on the phone's data plan all the same):
 * 1.3 KB and one more request. Its rules are already all inside `@media print`, so this plugin
 * imports them into the page's own stylesheet instead (one cached file, ~0.9 KB more in it) and
 * removes the link. Printing is unchanged; the PDFs (src/print/) stay the real way to print.
 * Fails the build if Starlight's template no longer has the line, so an upgrade cannot silently
 * bring the request back.
 */
export function starlightPrintCssInMainCss(): Plugin {
  return {
    name: 'tejido:starlight-print-css',
    transform(code, id) {
      // The template itself, not the style and script modules Astro derives from it (`?astro&type=…`).
      if (id.includes('?') || !PAGE.test(id)) return;
      if (!code.includes(PRINT_LINK) || !code.includes(PRINT_IMPORT))
        this.error(`Starlight's Page.astro changed: "${PRINT_LINK}" not found; update src/chrome/print-css.ts`);
      return code.replace(PRINT_IMPORT, 'import "../style/print.css";').replace(PRINT_LINK, '');
    },
  };
}
