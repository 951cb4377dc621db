/**
 * Reading a posted form into what an API contract's zod schema expects. Blank fields become
 * undefined, so the schema says "required" in the reader's language; numbers are read as numbers
 * only when they are numbers, so "tres" is refused by the schema, not silently made 0.
 */
export function textField(form: FormData | undefined, name: string): string | undefined {
  const value = form?.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function numberField(form: FormData | undefined, name: string): number | string | undefined {
  const value = textField(form, name)?.trim();
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** An ISO date plus days: the last day of a workshop that starts on `startsOn` and runs `days` days. */
export function lastDay(startsOn: string, days: number): string {
  const date = new Date(`${startsOn}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.max(0, days - 1));
  return date.toISOString().slice(0, 10);
}

/**
 * The latest date anywhere on Earth (UTC+14): the `max` of a date field, the same "today" by
 * which the API refuses a later date (src/attendance/deliveries/meeting-date.ts).
 */
export const latestToday = (now = new Date()) =>
  new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
