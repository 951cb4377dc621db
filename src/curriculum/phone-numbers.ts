/**
 * Finds the phone numbers in a referral directory's free text ("Marca 100 desde cualquier
 * celular…", "Emergencias policiales al 105") so the site can make each one a `tel:` link: on a
 * cheap phone one tap calls, where copying digits by hand under stress goes wrong.
 *
 * Named rule `phone-in-text`: a national short code (100, 105, 911) standing alone, or a number of
 * 6 to 9 digits, optionally in groups split by one space or hyphen ("084 123 456", "(084) 23-4567").
 * What is never a phone, so never a link: a part of a longer number, an amount ("S/ 100", "100 %"),
 * a decimal ("100,5"), a date ("12-05-2024") or a range of years ("2019-2024").
 */
export const phoneRule = 'phone-in-text' as const;

/** The short codes a directory writes as bare digits: women's line, police, general emergencies. */
export const shortCodes: readonly string[] = ['100', '105', '911'];

/** A piece of text: plain, or a phone number with the `tel:` address to dial it. */
export interface TextPiece {
  /** The text exactly as written in the directory. */
  text: string;
  /** `tel:` followed by the digits only, when this piece is a phone number. */
  tel?: string;
}

// A run of digits in groups (an area code in brackets may open it); checked piece by piece below.
const candidate = /\(?\d+\)?(?:[ -]\d+)*/g;
const date = /^\d{1,2}-\d{1,2}-\d{2,4}$/;
const yearRange = /^(?:19|20)\d{2}-(?:19|20)\d{2}$/;

function isPhone(text: string, before: string, after: string): boolean {
  // Part of something longer: a decimal, an amount, a code with letters, a percentage.
  if (/[\d.,/\p{L}]$/u.test(before) || /^(?:[.,]\d|[\p{L}\d]|\s*%)/u.test(after)) return false;
  if (/S\/\s*$|\$\s*$/.test(before)) return false;
  if (date.test(text) || yearRange.test(text)) return false;
  const digits = text.replace(/\D/g, '');
  if (text === digits && shortCodes.includes(digits)) return true;
  return digits.length >= 6 && digits.length <= 9;
}

/** Splits `text` into plain pieces and phone numbers, in order; joined, the pieces give `text` back. */
export function findPhoneNumbers(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    // A trailing group separator or bracket belongs to the text around, not to the number.
    const raw = match[0];
    const start = match.index + (raw.startsWith('(') && !raw.includes(')') ? 1 : 0);
    const found = text.slice(start, match.index + raw.length).replace(/\($/, '');
    if (!isPhone(found, text.slice(0, start), text.slice(start + found.length))) continue;
    if (start > last) pieces.push({ text: text.slice(last, start) });
    pieces.push({ text: found, tel: `tel:${found.replace(/\D/g, '')}` });
    last = start + found.length;
  }
  if (last < text.length || pieces.length === 0) pieces.push({ text: text.slice(last) });
  return pieces;
}
