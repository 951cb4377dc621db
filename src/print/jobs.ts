import type { Curriculum } from '../curriculum/resolve.ts';
import type { AidKit } from './aids/kits.ts';
import type { PrintTranslation } from './translations.ts';
import { pdfFiles, printPages, type Paper } from './urls.ts';

/** One PDF `npm run pdf` makes: which built page to print, where to write it and how. */
export interface PrintJob {
  kind: 'book' | 'card' | 'handout' | 'material' | 'district' | 'aids';
  /** The manual's, session's, handout's or locality's id. */
  id: string;
  /** For a translation's book, card, help sheet, handout page or kit of aids: its language. */
  lang?: string;
  /** For a kit of aids: the sheets its declared items need, which the PDF must have. */
  sheets?: number;
  page: string;
  pdf: string;
  paper: Paper;
}

/** A manual's books (A4 and US Letter) and its help sheet, in the default language or a translation's. */
function manualJobs(ids: readonly string[], lang?: string): PrintJob[] {
  const tag = lang ? { lang } : {};
  return [
    ...ids.flatMap((id) =>
      (['a4', 'letter'] as const).map((paper): PrintJob => ({
        kind: 'book',
        id,
        ...tag,
        page: printPages.book(id, lang),
        pdf: pdfFiles.book(id, paper, lang),
        paper,
      })),
    ),
    ...ids.map((id): PrintJob => ({
      kind: 'handout',
      id,
      ...tag,
      page: printPages.handout(id, lang),
      pdf: pdfFiles.handout(id, lang),
      paper: 'a4',
    })),
  ];
}

/** Cards of sessions and large-print handout pages, in the default language or a translation's. */
function sheetJobs(sessions: readonly string[], handouts: readonly string[], lang?: string): PrintJob[] {
  const tag = lang ? { lang } : {};
  return [
    ...sessions.map((id): PrintJob => ({
      kind: 'card',
      id,
      ...tag,
      page: printPages.card(id, lang),
      pdf: pdfFiles.card(id, lang),
      paper: 'a4',
    })),
    ...handouts.map((id): PrintJob => ({
      kind: 'material',
      id,
      ...tag,
      page: printPages.material(id, lang),
      pdf: pdfFiles.material(id, lang),
      paper: 'a4',
    })),
  ];
}

/**
 * Every PDF of the curriculum: each manual's book in A4 and US Letter, its help sheet, each
 * session's card, each handout page, each district's help sheet and each session's kit of printable aids (in every language);
 * then, per translation, the same for what it translated (translations.ts): books only of manuals translated whole.
 */
export function printJobs(
  curriculum: Curriculum,
  kits: readonly AidKit[] = [],
  translations: readonly PrintTranslation[] = [],
): PrintJob[] {
  return [
    ...manualJobs(curriculum.manuals.map((m) => m.id)),
    ...sheetJobs(
      curriculum.sessions.map((s) => s.id),
      curriculum.handouts.map((h) => h.id),
    ),
    ...(curriculum.referrals.localities ?? []).map((l): PrintJob => ({
      kind: 'district',
      id: l.id,
      page: printPages.district(l.id),
      pdf: pdfFiles.district(l.id),
      paper: 'a4',
    })),
    ...kits.map((k): PrintJob => ({
      kind: 'aids',
      id: k.sessionId,
      ...(k.lang ? { lang: k.lang } : {}),
      sheets: k.sheets,
      page: printPages.aids(k.sessionId, k.lang),
      pdf: pdfFiles.aids(k.sessionId, k.lang),
      paper: 'a4',
    })),
    ...translations.flatMap((t) => [...manualJobs(t.manuals, t.lang), ...sheetJobs(t.sessions, t.handouts, t.lang)]),
  ];
}
