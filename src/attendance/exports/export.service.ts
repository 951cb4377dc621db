import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { Principal } from '../principal.ts';
import { banksReadableBy } from '../scope.ts';
import { audit } from '../audit/audit.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { computeIndicators, type IndicatorsFilter } from '../indicators/indicator.service.ts';
import { figureNames, type FigureCells } from '../indicators/figures.ts';

type Db = Kysely<DatabaseTables>;

/**
 * The facilitator's own attendance as CSV: one row per woman per session, so only for the banks
 * she runs (the contract admits no other role). Bank code and member code, never a name.
 * Every export is written to the audit log with its row count.
 */
export async function exportAttendance(
  db: Db,
  actor: Principal,
  filter: { bankId?: string; from?: string; to?: string },
  address: string | null,
) {
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('deliveries', 'deliveries.id', 'attendance.deliveryId')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .innerJoin('members', 'members.id', 'attendance.memberId')
    .select([
      'banks.code as bankCode',
      'members.memberCode',
      'deliveries.sessionId',
      'deliveries.curriculumVersion',
      'deliveries.deliveredOn',
      'attendance.present',
    ])
    .where(banksReadableBy(actor))
    .$if(Boolean(filter.bankId), (q) => q.where('banks.id', '=', filter.bankId ?? ''))
    .$if(Boolean(filter.from), (q) => q.where('deliveries.deliveredOn', '>=', filter.from ?? ''))
    .$if(Boolean(filter.to), (q) => q.where('deliveries.deliveredOn', '<=', filter.to ?? ''))
    .orderBy(['banks.code', 'deliveries.deliveredOn', 'members.memberCode'])
    .execute();
  await audit(db, {
    actorId: actor.userId,
    action: 'export.attendance',
    address,
    detail: { rows: rows.length, bankId: filter.bankId ?? null },
  });
  return stringify(
    rows.map((r) => ({
      bank_code: r.bankCode,
      member_code: r.memberCode,
      session_id: r.sessionId,
      curriculum_version: r.curriculumVersion,
      delivered_on: r.deliveredOn,
      present: r.present ? 1 : 0,
    })),
    {
      header: true,
      columns: ['bank_code', 'member_code', 'session_id', 'curriculum_version', 'delivered_on', 'present'],
    },
  );
}

/** The indicators CSV's columns: the unit, then the figures' names in their schema's order (api-schemas.ts). */
export const indicatorColumns = ['group', 'code', ...figureNames] as const;

/** Indicators as CSV, one row per bank or region, with the same suppression as the JSON view. */
export async function exportIndicators(
  db: Db,
  actor: Principal,
  curriculum: CurriculumIndex,
  filter: IndicatorsFilter,
  address: string | null,
) {
  const groupBy = filter.groupBy ?? 'bank';
  const result = await computeIndicators(db, actor, curriculum, { ...filter, groupBy });
  const csv = indicatorsCsv(result, groupBy);
  await audit(db, {
    actorId: actor.userId,
    action: 'export.indicators',
    address,
    detail: { rows: csv.rows, programmeId: filter.programmeId },
  });
  return csv.text;
}

/** The CSV of computed indicators: a row per group, then the total; the columns are `indicatorColumns`. */
export function indicatorsCsv(
  result: { groups?: { code: string; figures: FigureCells }[]; total: FigureCells },
  groupBy: 'bank' | 'region',
) {
  const rows = [
    ...(result.groups ?? []).map((g) => ({ group: groupBy, code: g.code, ...g.figures })),
    { group: 'total', code: '', ...result.total },
  ];
  return { rows: rows.length, text: stringify(rows, { header: true, columns: [...indicatorColumns] }) };
}
