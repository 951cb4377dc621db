import { MAX_POSTER_ITEMS, type Aid, type AidKind } from '../../curriculum/schemas/aid.ts';

/**
 * How many items of each kind fit one A4 sheet. aids.css draws exactly these grids (2 × 2 cards,
 * 2 × 3 pictograms, one sign, a whole poster); the print tests check the PDFs have these pages.
 */
export const itemsPerSheet: Record<AidKind, number> = { cards: 4, pictograms: 6, sign: 1, poster: MAX_POSTER_ITEMS };

/** The items of one aid split into the sheets they are printed on, in order. */
export function sheetsOf(aid: Aid): Aid['items'][] {
  const per = itemsPerSheet[aid.kind];
  return Array.from({ length: Math.ceil(aid.items.length / per) }, (_, i) => aid.items.slice(i * per, (i + 1) * per));
}

/** Sheets of a session's whole kit: each aid starts on a sheet of its own. */
export function kitSheets(aids: readonly Aid[]): number {
  return aids.reduce((n, aid) => n + sheetsOf(aid).length, 0);
}
