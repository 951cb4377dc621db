import { parse } from 'csv-parse/sync';
import { ApiError, type ErrorRule, type RowError } from '../errors.ts';
import { isAfterToday } from '../deliveries/meeting-date.ts';
import { uuid } from '../api-schemas.ts';
import { decodeSpreadsheetText, damagedText, mojibakeIn, type TextEncoding } from './spreadsheet-text.ts';

/**
 * The most member rows one file imports, in one transaction. A community bank has a few dozen
 * members; an organisation's whole register fits too, and larger files are refused before any work.
 */
export const MAX_ROSTER_ROWS = 20_000;

/** The columns a roster CSV has; `id` is optional (made from the code when absent). */
export const rosterColumns = ['member_code', 'display_name', 'enrolled_on'] as const;
type Column = (typeof rosterColumns)[number] | 'id';

/**
 * The header words each column is known by, in Spanish and English, written as `headerKey`
 * leaves them (no case, accents, spaces or punctuation): `Código`, `codigo`, `member_code` and
 * `CODIGO ` are one column. The first of each language is what the template writes.
 */
export const headerWords: Record<Column, { es: string; en: string; also: readonly string[] }> = {
  member_code: { es: 'código', en: 'member_code', also: ['code', 'codigodesocia', 'codigosocia', 'cod'] },
  display_name: { es: 'nombre', en: 'display_name', also: ['nombres', 'name', 'nombrecompleto', 'nombresyapellidos'] },
  enrolled_on: {
    es: 'fecha de inscripción',
    en: 'enrolled_on',
    also: ['fechainscripcion', 'inscripcion', 'fechadeingreso', 'fechaingreso', 'enrolled'],
  },
  id: { es: 'id', en: 'id', also: [] },
};

/** A header cell reduced to letters and digits: lower case, accents and separators removed. */
export const headerKey = (cell: string) =>
  cell
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const columnOf = new Map<string, Column>(
  (Object.entries(headerWords) as [Column, (typeof headerWords)[Column]][]).flatMap(([column, w]) =>
    [w.es, w.en, ...w.also].map((word) => [headerKey(word), column] as const),
  ),
);

/** A file's first line in the reader's language, for the template. */
export const templateHeader = (lang: 'es' | 'en') => rosterColumns.map((c) => headerWords[c][lang]).join(',');

/** One thing wrong with a row: the column, the named rule (pages say it from `office.rule.<rule>`), its values, and English for API clients. */
export interface RowProblem {
  field: string;
  rule: ErrorRule;
  params: Record<string, string | number>;
  message: string;
}

/** A row of the file as read, and what is wrong with it (nothing, for a good row). */
export interface RosterRow {
  line: number;
  memberCode: string;
  displayName: string;
  /** YYYY-MM-DD when the date could be read; otherwise as written. */
  enrolledOn: string;
  id?: string;
  problems: RowProblem[];
}

export interface RosterFile {
  encoding: TextEncoding;
  delimiter: ',' | ';';
  /** Columns of the file that are not kept (a DNI or a telephone number stays out of the database). */
  ignoredColumns: string[];
  rows: RosterRow[];
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,23}$/;
const MAX_NAME = 80;

/**
 * Reads a roster file as Excel writes it in Peru, before anything is saved: every row gets its
 * verdict. What makes the whole file unreadable (no header, a broken quote, UTF-16) is thrown as
 * an ApiError with a named rule; what is wrong with a row is in that row's `problems`.
 * - Encoding: UTF-8 (with or without a BOM) or Windows-1252, see spreadsheet-text.ts.
 * - Separator: `,` or `;` (Excel uses the list separator of the computer's region), or as an
 *   Excel `sep=;` first line says.
 * - Header: Spanish or English words, in any order, any case, with or without accents.
 * - Dates: YYYY-MM-DD, or DD/MM/YYYY as Excel writes them in Peru.
 */
export function readRosterFile(bytes: Uint8Array): RosterFile {
  const { text: decoded, encoding } = decodeSpreadsheetText(bytes);
  // Excel's `sep=;` hint line: honoured, then blanked so that line numbers stay those of the file.
  const sepLine = /^sep=([,;])[ \t]*(?=\r?\n|\r|$)/i.exec(decoded);
  const text = sepLine ? decoded.slice(sepLine[0].length) : decoded;
  const delimiter = (sepLine?.[1] as ',' | ';' | undefined) ?? guessDelimiter(text);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    }) as never;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines) || 1;
    throw new ApiError(
      'invalid_request',
      `The file is not a readable CSV (line ${line}): ${(error as Error).message}`,
      { field: 'file', rule: 'roster.csv_malformed', params: { line } },
    );
  }
  const [head, ...body] = parsed;
  if (!head || body.length === 0) {
    throw new ApiError(
      'invalid_request',
      `The file has no rows. The first line must be the header: ${rosterColumns.join(',')}`,
      { field: 'file', rule: 'roster.file_empty' },
    );
  }
  if (body.length > MAX_ROSTER_ROWS) {
    throw new ApiError(
      'payload_too_large',
      `The file has ${body.length} member rows; at most ${MAX_ROSTER_ROWS} are imported at once. Split it into smaller files.`,
      {
        field: 'file',
        rule: 'roster.too_many_rows',
        params: { limit: MAX_ROSTER_ROWS },
        extra: { limit: MAX_ROSTER_ROWS },
      },
    );
  }
  const columns = readHeader(head.record, head.info.lines);
  const rows = body.map(({ record, info }) => readRow(record, info.lines, columns.at));
  markRepeats(rows);
  return { encoding, delimiter, ignoredColumns: columns.ignored, rows };
}

function guessDelimiter(text: string): ',' | ';' {
  const firstLine =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n|\r/)
      .find((l) => l.trim() !== '') ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function readHeader(cells: string[], line: number) {
  const at = new Map<Column, number>();
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const sample = mojibakeIn(cell);
    if (sample)
      throw invalidRows([
        {
          row: line,
          field: 'header',
          message: `the header has letters read in the wrong encoding ("${sample}")`,
          rule: 'roster.encoding_mixed',
          params: { text: sample },
        },
      ]);
    const column = columnOf.get(headerKey(cell));
    if (!column) {
      if (cell.trim()) ignored.push(cell.trim());
      return;
    }
    if (at.has(column))
      throw new ApiError('invalid_request', `The header has the column ${column} twice.`, {
        field: column,
        rule: 'roster.header_repeated',
        params: { column: cell.trim() },
      });
    at.set(column, index);
  });
  const missing = rosterColumns.filter((c) => !at.has(c));
  if (missing.length) {
    throw new ApiError(
      'invalid_request',
      `The header lacks the column(s) ${missing.join(', ')}. Expected: ${rosterColumns.join(',')} (or código, nombre, fecha de inscripción)`,
      {
        field: missing[0],
        rule: 'roster.header_missing',
        params: { columns: missing.join(', ') },
      },
    );
  }
  return { at, ignored };
}

function readRow(record: string[], line: number, at: Map<Column, number>): RosterRow {
  const cell = (c: Column) => {
    const i = at.get(c);
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  const add = (field: Column, rule: ErrorRule, params: Record<string, string | number>, message: string) =>
    problems.push({ field, rule, params, message });
  const memberCode = cell('member_code');
  const displayName = cell('display_name');
  const written = cell('enrolled_on');
  const id = cell('id') || undefined;
  // Text the file's encoding damaged is never stored, and nothing else is said about that cell.
  const damaged = (field: Column, value: string) => {
    const sample = mojibakeIn(value);
    if (sample)
      return (
        add(
          field,
          'roster.encoding_mixed',
          { text: sample },
          `letters read in the wrong encoding ("${sample}"): save the file again as CSV UTF-8`,
        ),
        true
      );
    if (damagedText(value))
      return (
        add(
          field,
          'roster.encoding_damaged',
          {},
          'has a character that is not a letter (a damaged accent or a control character)',
        ),
        true
      );
    return false;
  };
  if (!damaged('member_code', memberCode)) {
    if (!memberCode) add('member_code', 'roster.member_code_required', {}, 'is required');
    else if (!CODE.test(memberCode))
      add('member_code', 'roster.member_code_format', { code: memberCode }, 'must be 1–24 letters, digits or hyphens');
  }
  if (!damaged('display_name', displayName)) {
    if (!displayName) add('display_name', 'roster.display_name_required', {}, 'is required');
    else if (displayName.length > MAX_NAME)
      add('display_name', 'roster.display_name_too_long', { max: MAX_NAME }, `must be at most ${MAX_NAME} characters`);
  }
  const enrolledOn = readDate(written);
  if (!written) add('enrolled_on', 'roster.enrolled_on_required', {}, 'is required');
  else if (!enrolledOn)
    add(
      'enrolled_on',
      'roster.enrolled_on_date',
      { value: written },
      'must be a date written as YYYY-MM-DD or DD/MM/YYYY',
    );
  else if (isAfterToday(enrolledOn))
    add('enrolled_on', 'roster.enrolled_on_future', { date: enrolledOn }, 'must not be after today');
  if (id !== undefined && !uuid.safeParse(id).success) add('id', 'roster.id_format', { id }, 'must be a UUID');
  return { line, memberCode, displayName, enrolledOn: enrolledOn ?? written, ...(id ? { id } : {}), problems };
}

/** The second row with a code (in any case) or an id names the line of the first. */
function markRepeats(rows: RosterRow[]) {
  const codes = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const row of rows) {
    if (row.memberCode && CODE.test(row.memberCode)) {
      const key = row.memberCode.toLowerCase();
      const first = codes.get(key);
      if (first !== undefined)
        row.problems.push({
          field: 'member_code',
          rule: 'roster.code_repeated_in_file',
          params: { code: row.memberCode, first },
          message: `member code ${row.memberCode} is also on line ${first}`,
        });
      else codes.set(key, row.line);
    }
    if (row.id) {
      const first = ids.get(row.id.toLowerCase());
      if (first !== undefined)
        row.problems.push({
          field: 'id',
          rule: 'roster.id_repeated_in_file',
          params: { id: row.id, first },
          message: `id ${row.id} is also on line ${first}`,
        });
      else ids.set(row.id.toLowerCase(), row.line);
    }
  }
}

/** YYYY-MM-DD, or D/M/YYYY day first (Peru writes the day first; never month first), if it is a real day. */
export function readDate(written: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(written);
  const dayFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(written);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const time = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(time.getTime()) && time.toISOString().slice(0, 10) === date ? date : undefined;
}

/** Every row's problems as the API's row errors (line numbers, rules and English), in file order. */
export function rowErrorsOf(rows: RosterRow[]): RowError[] {
  return rows.flatMap((r) =>
    r.problems.map((p) => ({ row: r.line, field: p.field, message: p.message, rule: p.rule, params: p.params })),
  );
}

export function invalidRows(rows: RowError[]) {
  const first = rows[0];
  return new ApiError(
    'invalid_rows',
    `${rows.length} problem(s) in the file; nothing was imported. First: line ${first?.row}, column ${first?.field}: ${first?.message}`,
    {
      field: first?.field,
      rule: 'roster.invalid_rows',
      params: { count: rows.length },
      extra: { rows },
    },
  );
}
