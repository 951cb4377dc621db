import { ApiError, type RowError } from '../errors.ts';

export type TextEncoding = 'utf-8' | 'windows-1252';

/**
 * The text of a file saved by a spreadsheet. Excel in Peru saves "CSV UTF-8" (with a byte order
 * mark) or plain "CSV", which is Windows-1252 (the ANSI code page of Spanish Windows), and nothing
 * in the file says which. The platform's TextDecoder knows both (WHATWG encodings, no library):
 * - strict UTF-8 first: Windows-1252 text with an accent is almost never valid UTF-8, because
 *   its accented letters are lone bytes ≥ 0x80 where UTF-8 needs a lead byte and continuations;
 * - otherwise Windows-1252, which maps every byte to a character, so it cannot fail; damage it
 *   does (a UTF-8 line decoded as Windows-1252 reads "Ã±") is found per cell by `mojibakeIn`.
 * A file that starts with a UTF-8 byte order mark but is not UTF-8 is one of two things. If no line
 * has a UTF-8 accent, it is Windows-1252 behind a stray mark (some tools and macros write the mark
 * whatever the encoding): read it as Windows-1252 without the mark. If some lines are UTF-8 with
 * accents and others are not, it mixes encodings: refused, naming the lines that are not UTF-8.
 * UTF-16 ("Texto Unicode") is refused: it is not a CSV Excel makes.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ApiError('invalid_request', 'The file is UTF-16 ("Unicode text"); save it as CSV UTF-8.', {
      field: 'file',
      rule: 'roster.encoding_utf16',
    });
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // The decoder drops the byte order mark itself (ignoreBOM is false by default).
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (hasBom && !hasUtf8Accent(bytes.subarray(3)))
      return { text: new TextDecoder('windows-1252').decode(bytes.subarray(3)), encoding: 'windows-1252' };
    if (hasBom) {
      const rows: RowError[] = linesNotUtf8(bytes).map((line) => ({
        row: line,
        field: 'file',
        message: 'this line is not UTF-8 though the file says it is',
        rule: 'roster.encoding_mixed',
        params: { text: '' },
      }));
      throw new ApiError(
        'invalid_rows',
        `The file mixes encodings: ${rows.length} line(s) are not UTF-8. Save it again as CSV UTF-8.`,
        { field: 'file', rule: 'roster.invalid_rows', params: { count: rows.length }, extra: { rows } },
      );
    }
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Whether some line is valid UTF-8 and not plain ASCII: a letter written as UTF-8 on purpose. */
function hasUtf8Accent(bytes: Uint8Array): boolean {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const line = bytes.subarray(start, i);
      if (line.some((b) => b >= 0x80)) {
        try {
          strict.decode(line);
          return true;
        } catch {
          // Not UTF-8: a Windows-1252 line.
        }
      }
      start = i + 1;
    }
  }
  return false;
}

/** 1-based numbers of the lines whose bytes are not UTF-8 (a line feed is the same byte in both encodings). */
function linesNotUtf8(bytes: Uint8Array): number[] {
  const bad: number[] = [];
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        bad.push(line);
      }
      start = i + 1;
      line++;
    }
  }
  return bad;
}

/**
 * UTF-8 read as Windows-1252: an accented letter's two bytes show as "Ã" or "Â" followed by a
 * character of 0x80–0xBF in Windows-1252 ("Ã±" for ñ, "Ã©" for é, "Ã‘" for Ñ). Peruvian names
 * have no such pair, so finding one means the file mixed encodings, or was converted twice.
 * Returns the damaged letters, to show them.
 */
export function mojibakeIn(value: string): string | undefined {
  return MOJIBAKE.exec(value)?.[0];
}

/** "Ã" or "Â", then a byte 0x80–0xBF as Windows-1252 shows it (0x80–0x9F are the letters and signs listed). */
const MOJIBAKE = new RegExp(
  '[ÃÂ][\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc' +
    '\\u2013\\u2014\\u2018-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122]',
  'u',
);

/**
 * A character no name or code has: the replacement character U+FFFD (an accent lost before the
 * file reached us), and control characters (C0, including NUL, which PostgreSQL cannot store;
 * C1, which is what Windows-1252's five unused bytes decode to).
 */
export const damagedText = (value: string) => /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\ufffd]/u.test(value);
