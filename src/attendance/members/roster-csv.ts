import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ApiError, type RowError } from '../errors.ts';
import type { MemberInput } from './member.service.ts';
import { memberInputSchema } from '../api-schemas.ts';

/**
 * The most member rows one file imports, in one transaction. A community bank has a few dozen
 * members; an organisation's whole register fits too, and larger files are refused before any work.
 */
export const MAX_ROSTER_ROWS = 20_000;

/** The columns a roster CSV has, in the organisation's words; `id` is optional (made from the code when absent). */
export const rosterColumns = ['member_code', 'display_name', 'enrolled_on'] as const;

const csvRow = z.object({
  member_code: memberInputSchema.shape.memberCode,
  display_name: memberInputSchema.shape.displayName,
  enrolled_on: memberInputSchema.shape.enrolledOn,
  id: memberInputSchema.shape.id.optional(),
});

/**
 * Parses and validates a whole roster before anything is written. Errors name the CSV line
 * (the header is line 1) and the column, and every bad row is reported, not only the first.
 * Returns the members and, for each, the line it was read from (blank lines are skipped but counted).
 */
export function parseRoster(text: string, idFor: (memberCode: string) => string): { members: MemberInput[]; lines: number[] } {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (error) {
    throw new ApiError('invalid_request', `The file is not a readable CSV: ${(error as Error).message}`, { field: 'file' });
  }
  if (parsed.length > MAX_ROSTER_ROWS) {
    throw new ApiError('payload_too_large', `The file has ${parsed.length} member rows; at most ${MAX_ROSTER_ROWS} are imported at once. Split it into smaller files.`, {
      field: 'file',
      extra: { limit: MAX_ROSTER_ROWS },
    });
  }
  const records = parsed.map((p) => p.record);
  const header = records.length ? Object.keys(records[0] ?? {}) : [];
  const missing = rosterColumns.filter((c) => !header.includes(c));
  if (records.length === 0) throw new ApiError('invalid_request', `The file has no rows. The first line must be the header: ${rosterColumns.join(',')}`, { field: 'file' });
  if (missing.length) throw new ApiError('invalid_request', `The header lacks the column(s) ${missing.join(', ')}. Expected: ${rosterColumns.join(',')}`, { field: missing[0] });
  const rows: RowError[] = [];
  const members: MemberInput[] = [];
  const lines: number[] = [];
  const lineOfCode = new Map<string, number>();
  parsed.forEach(({ record, info }) => {
    // The line the record ends on: blank lines skipped before it still count.
    const line = info.lines;
    const result = csvRow.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) rows.push({ row: line, field: String(issue.path[0]), message: issue.message });
      return;
    }
    const r = result.data;
    const first = lineOfCode.get(r.member_code);
    if (first !== undefined) {
      rows.push({ row: line, field: 'member_code', message: `member code ${r.member_code} is also on line ${first}` });
      return;
    }
    lineOfCode.set(r.member_code, line);
    lines.push(line);
    members.push({ id: r.id ?? idFor(r.member_code), memberCode: r.member_code, displayName: r.display_name, enrolledOn: r.enrolled_on });
  });
  if (rows.length) {
    const first = rows[0];
    throw new ApiError('invalid_rows', `${rows.length} problem(s) in the file; nothing was imported. First: line ${first?.row}, column ${first?.field}: ${first?.message}`, { field: first?.field, extra: { rows } });
  }
  return { members, lines };
}
