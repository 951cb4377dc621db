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

export const printPages = {
  book: (manualId: string) => `/print/books/${manualId}/`,
  card: (sessionId: string) => `/print/cards/${sessionId}/`,
  handout: (manualId: string) => `/print/handouts/${manualId}/`,
  /** A handout written as content (a page with a `handout:` block), in large print. */
  material: (handoutId: string) => `/print/materials/${handoutId}/`,
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
  book: (manualId: string, paper: Paper = 'a4') =>
    paper === 'a4' ? `/pdf/${manualId}.pdf` : `/pdf/${paper}/${manualId}.pdf`,
  card: (sessionId: string) => `/pdf/cards/${sessionId}.pdf`,
  handout: (manualId: string) => `/pdf/handouts/${manualId}.pdf`,
  material: (handoutId: string) => `/pdf/materials/${handoutId}.pdf`,
  district: (localityId: string) => `/pdf/districts/${localityId}.pdf`,
  aids: (sessionId: string, lang?: string) => `/pdf/aids/${lang ? `${lang}/` : ''}${sessionId}.pdf`,
};
