/**
 * Fidelity figures are published per calendar quarter, and only per quarter: quarters never
 * overlap and no figure spans two of them, so no period can be subtracted from another to give
 * back one delivery's steps (a free from/to would: 1–30 June minus 1–29 June).
 */
export const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The first and last day (YYYY-MM-DD) of a quarter written as 2026-Q4. */
export function quarterDays(quarter: string): { from: string; to: string } {
  const match = QUARTER.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  const first = new Date(Date.UTC(year, (q - 1) * 3, 1));
  const last = new Date(Date.UTC(year, q * 3, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** The quarter a day falls in, e.g. 2026-Q4 for 2026-12-01. */
export function quarterOf(day: Date): string {
  return `${day.getUTCFullYear()}-Q${Math.floor(day.getUTCMonth() / 3) + 1}`;
}
