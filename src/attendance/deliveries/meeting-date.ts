/**
 * A roll call records a meeting that has been held, so its date cannot be after today. "Today" is
 * the latest date anywhere on Earth (UTC+14), so a phone in any time zone, late in its evening,
 * is never refused for the day it is living in.
 */
export function isAfterToday(date: string, now = new Date()): boolean {
  const latestToday = new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return date > latestToday;
}

const DAY = 24 * 60 * 60 * 1000;

/** A date (YYYY-MM-DD) some days later. */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Today in UTC: where a new correction window (an admin's reopening) starts counting. */
export const utcToday = (now = new Date()) => now.toISOString().slice(0, 10);

/**
 * The last day a roll call may be corrected: the meeting date plus the organisation's
 * correctionDays, or the end of a window the admin reopened, whichever is later.
 */
export function correctableUntil(deliveredOn: string, reopenedUntil: string | null, correctionDays: number): string {
  const own = addDays(deliveredOn, correctionDays);
  return reopenedUntil && reopenedUntil > own ? reopenedUntil : own;
}

/**
 * Whether the window is still open. Its last day lasts until it has ended everywhere on Earth
 * (UTC−12): like the meeting date, a phone late in its evening is never refused its own day.
 */
export function windowOpen(until: string, now = new Date()): boolean {
  const earliestToday = new Date(now.getTime() - 12 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return earliestToday <= until;
}
