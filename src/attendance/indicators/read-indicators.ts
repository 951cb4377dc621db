import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { seesIndividuals, type Principal } from '../principal.ts';
import { audit } from '../audit/audit.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { computeIndicators, type IndicatorsFilter } from './indicator.service.ts';

/**
 * Indicators as a person reads them. Above the facilitator each read is written to the audit log
 * with its filters: the disclosure control keeps every small count out of reach of any
 * combination of figures at one moment, and the log makes the remaining risk (reading the same
 * figure before and after a sync) visible and accountable.
 */
export async function readIndicators(
  db: Kysely<DatabaseTables>,
  actor: Principal,
  curriculum: CurriculumIndex,
  filter: IndicatorsFilter,
  address: string | null,
) {
  const result = await computeIndicators(db, actor, curriculum, filter);
  if (!seesIndividuals(actor)) {
    await audit(db, {
      actorId: actor.userId,
      action: 'indicators.read',
      address,
      detail: {
        programmeId: filter.programmeId,
        regionId: filter.regionId ?? null,
        bankId: filter.bankId ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        groupBy: filter.groupBy ?? null,
      },
    });
  }
  return result;
}
