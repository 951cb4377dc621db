/** Counts from 1 up to this are hidden outside the facilitator level. */
export const SMALL_CELL_LIMIT = 5;

export type Cell = number | '<5';

/**
 * The one place small-cell suppression happens: every report and export that leaves the
 * facilitator level passes its counts through here, so no single woman can be picked out of a
 * figure. Zero stays visible (it names no one); 1–4 become "<5".
 */
export function suppressCount(count: number, suppress: boolean): Cell {
  return suppress && count > 0 && count < SMALL_CELL_LIMIT ? '<5' : count;
}

export function suppressAll<T extends { [K in keyof T]: number }>(figures: T, suppress: boolean): { [K in keyof T]: Cell } {
  return Object.fromEntries(Object.entries(figures as Record<string, number>).map(([k, v]) => [k, suppressCount(v, suppress)])) as { [K in keyof T]: Cell };
}
