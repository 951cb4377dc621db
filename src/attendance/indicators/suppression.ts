/** Counts from 1 up to this are hidden outside the facilitator level. */
export const SMALL_CELL_LIMIT = 5;

/** A count as shown above the facilitator level: "<5" stands for 1 to 4. */
export type Cell = number | '<5';
/** In a table of rows, also "oculto": a larger count hidden so that a "<5" beside it cannot be worked out. */
export type RowCell = Cell | 'oculto';

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

/**
 * Rows of figures shown next to their total (by bank, by region). When a column has a single
 * "<5", the total minus the other rows would give it away, so the smallest other non-zero count
 * of that column is hidden too ("oculto") — the usual secondary suppression of published tables.
 */
export function suppressRows<T extends { [K in keyof T]: number }>(rows: T[], suppress: boolean): { [K in keyof T]: RowCell }[] {
  const cells: { [K in keyof T]: RowCell }[] = rows.map((row) => suppressAll(row, suppress));
  if (!suppress || rows.length < 2) return cells;
  for (const key of Object.keys(rows[0] ?? {}) as (keyof T)[]) {
    const hidden = cells.filter((c) => c[key] === '<5').length;
    if (hidden !== 1) continue;
    const candidates = rows.map((row, i) => ({ i, value: row[key] as number })).filter(({ i, value }) => cells[i]?.[key] !== '<5' && value > 0);
    const smallest = candidates.sort((a, b) => a.value - b.value)[0];
    if (smallest) (cells[smallest.i] as Record<keyof T, RowCell>)[key] = 'oculto';
  }
  return cells;
}
