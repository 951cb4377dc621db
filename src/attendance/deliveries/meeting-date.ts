/**
 * A roll call records a meeting that has been held, so its date cannot be after today. "Today" is
 * the latest date anywhere on Earth (UTC+14), so a phone in any time zone, late in its evening,
 * is never refused for the day it is living in.
 */
export function isAfterToday(date: string, now = new Date()): boolean {
  const latestToday = new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return date > latestToday;
}
