/**
 * Where every printable view and its PDF live. Routes, the "Imprimir" links on the site and
 * `npm run pdf` all take their addresses from here, so a link never points where no PDF is made.
 * PDFs are made after the build (`npm run pdf`), at these predictable addresses under /pdf/.
 */
export type Paper = 'a4' | 'letter';

export const paperSizes: Record<Paper, { css: string }> = {
  a4: { css: 'A4' },
  letter: { css: 'letter' },
};

/**
 * A translation's print views live under its language's folder (`/en/print/…`), so the site's
 * i18n gives them that language's interface strings; its PDFs under `/pdf/<lang>/…`.
 * Undefined `lang` is the default language, at the addresses it always had.
 */
const under = (lang: string | undefined) => (lang ? `/${lang}` : '');

export const printPages = {
  book: (manualId: string, lang?: string) => `${under(lang)}/print/books/${manualId}/`,
  card: (sessionId: string, lang?: string) => `${under(lang)}/print/cards/${sessionId}/`,
  handout: (manualId: string, lang?: string) => `${under(lang)}/print/handouts/${manualId}/`,
  /** A handout written as content (a page with a `handout:` block), in large print. */
  material: (handoutId: string, lang?: string) => `${under(lang)}/print/materials/${handoutId}/`,
  /** A district's "where to get help" sheet: its local services, then the national ones. */
  district: (localityId: string) => `/print/districts/${localityId}/`,
  /**
   * A session's printable visual aids (cards, signs, posters): in the default language, or in a
   * translation (`lang`) from that page's own translated aids.
   */
  aids: (sessionId: string, lang?: string) => `/print/aids/${lang ? `${lang}/` : ''}${sessionId}/`,
  /** The list of every print job, read by `npm run pdf` from the built site. */
  manifest: '/print/manifest.json',
};

export const pdfFiles = {
  book: (manualId: string, paper: Paper = 'a4', lang?: string) =>
    `/pdf${under(lang)}${paper === 'a4' ? '' : `/${paper}`}/${manualId}.pdf`,
  card: (sessionId: string, lang?: string) => `/pdf${under(lang)}/cards/${sessionId}.pdf`,
  handout: (manualId: string, lang?: string) => `/pdf${under(lang)}/handouts/${manualId}.pdf`,
  material: (handoutId: string, lang?: string) => `/pdf${under(lang)}/materials/${handoutId}.pdf`,
  district: (localityId: string) => `/pdf/districts/${localityId}.pdf`,
  aids: (sessionId: string, lang?: string) => `/pdf/aids/${lang ? `${lang}/` : ''}${sessionId}.pdf`,
};
