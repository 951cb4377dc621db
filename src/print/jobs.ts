import type { Curriculum } from '../curriculum/resolve.ts';
import type { AidKit } from './aids/kits.ts';
import { pdfFiles, printPages, type Paper } from './urls.ts';

/** One PDF `npm run pdf` makes: which built page to print, where to write it and how. */
export interface PrintJob {
  kind: 'book' | 'card' | 'handout' | 'material' | 'district' | 'aids';
  /** The manual's, session's, handout's or locality's id. */
  id: string;
  /** For a kit of aids in a translation: its language. */
  lang?: string;
  /** For a kit of aids: the sheets its declared items need, which the PDF must have. */
  sheets?: number;
  page: string;
  pdf: string;
  paper: Paper;
}

/**
 * Every PDF of the curriculum: each manual's book in A4 and US Letter, its help sheet, each
 * session's card, each handout page, each district's help sheet and each session's kit of printable aids (in every language).
 */
export function printJobs(curriculum: Curriculum, kits: readonly AidKit[] = []): PrintJob[] {
  return [
    ...curriculum.manuals.flatMap((m) =>
      (['a4', 'letter'] as const).map((paper): PrintJob => ({
        kind: 'book',
        id: m.id,
        page: printPages.book(m.id),
        pdf: pdfFiles.book(m.id, paper),
        paper,
      })),
    ),
    ...curriculum.manuals.map((m): PrintJob => ({
      kind: 'handout',
      id: m.id,
      page: printPages.handout(m.id),
      pdf: pdfFiles.handout(m.id),
      paper: 'a4',
    })),
    ...curriculum.sessions.map((s): PrintJob => ({
      kind: 'card',
      id: s.id,
      page: printPages.card(s.id),
      pdf: pdfFiles.card(s.id),
      paper: 'a4',
    })),
    ...curriculum.handouts.map((h): PrintJob => ({
      kind: 'material',
      id: h.id,
      page: printPages.material(h.id),
      pdf: pdfFiles.material(h.id),
      paper: 'a4',
    })),
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
  ];
}
