import { pageLang } from './words.ts';

/** A date (YYYY-MM-DD) as the facilitator writes it in the page's language: 12/05/2026 in Spanish. */
export const meetingDate = (day: string, lang = pageLang()) =>
  /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? new Date(`${day}T12:00:00`).toLocaleDateString(lang, { day: '2-digit', month: '2-digit', year: 'numeric' })
    : day;

/**
 * Whether a window ending on `until` is still open on this phone's clock. The server decides
 * (its day lasts until it has ended everywhere); the phone only uses this to say so ahead.
 */
export const stillOpen = (until: string | undefined, now = new Date()) =>
  !until || now.toLocaleDateString('en-CA') <= until;
