import type { Plugin } from 'vite';

/** Starlight's page template, every page's outer shell. */
const PAGE = /@astrojs[\\/]starlight[\\/]dist[\\/]components[\\/]Page\.astro$/;
// As Astro's compiler leaves them (this plugin sees the compiled template, not its source).
const PRINT_LINK = '<link rel="stylesheet"${$$addAttribute(printHref, "href")} media="print">';
const PRINT_IMPORT = 'import printHref from "../style/print.css?url&no-inline";';
// The template's one script: it saves the sidebar's open groups and scroll for the persister that
// src/chrome/Sidebar.astro leaves out, so without it it would be 1.2 KB on every first visit for nothing.
const PERSIST_SCRIPT = /\$\{\$\$renderScript\(\$\$result, "[^"]*Page\.astro\?astro&type=script&index=0&lang\.ts"\)\}/;

/**
 * Two things out of Starlight's page template (issue 13). First, Starlight links its print stylesheet with `media="print"`, and browsers still download such a
 * stylesheet on every first visit (at low priority, but on the phone's data plan all the same):
 * 1.3 KB and one more request. Its rules are already all inside `@media print`, so this plugin
 * imports them into the page's own stylesheet instead (one cached file, ~0.9 KB more in it) and
 * removes the link. Printing is unchanged; the PDFs (src/print/) stay the real way to print.
 * Second, the sidebar-state script (see PERSIST_SCRIPT). Fails the build if Starlight's template
 * no longer has these lines, so an upgrade cannot silently bring the requests back.
 */
export function lighterStarlightPage(): Plugin {
  return {
    name: 'tejido:lighter-starlight-page',
    transform(code, id) {
      // The template itself, not the style and script modules Astro derives from it (`?astro&type=…`).
      if (id.includes('?') || !PAGE.test(id)) return;
      if (!code.includes(PRINT_LINK) || !code.includes(PRINT_IMPORT) || !PERSIST_SCRIPT.test(code))
        this.error(
          `Starlight's Page.astro changed: its print link or script not found; update src/chrome/starlight-page.ts`,
        );
      return code
        .replace(PRINT_IMPORT, 'import "../style/print.css";')
        .replace(PRINT_LINK, '')
        .replace(PERSIST_SCRIPT, '');
    },
  };
}
