import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';

type Db = Kysely<DatabaseTables>;

/** One delivery whose current roll-call version says which steps were done, with those steps. */
export interface ReportedDelivery {
  id: string;
  sessionId: string;
  regionId: string;
  steps: Set<number>;
}

/**
 * Every delivery of the organisation between two days (of the given sessions) whose current
 * version says its steps. The whole organisation whoever asks: protection is decided on one
 * table (protect-shares.ts); the service then keeps only the units the reader may see.
 */
export async function reportedDeliveries(
  db: Db,
  organisationId: string,
  sessionIds: string[],
  from: string,
  to: string,
): Promise<ReportedDelivery[]> {
  if (!sessionIds.length) return [];
  const current = db
    .selectFrom('deliveries')
    .innerJoin('banks', 'banks.id', 'deliveries.bankId')
    .innerJoin('rollCallVersions', (j) =>
      j
        .onRef('rollCallVersions.deliveryId', '=', 'deliveries.id')
        .onRef('rollCallVersions.version', '=', 'deliveries.version'),
    )
    .where('banks.organisationId', '=', organisationId)
    .where('rollCallVersions.stepsReported', '=', 1)
    .where('deliveries.sessionId', 'in', sessionIds)
    .where('deliveries.deliveredOn', '>=', from)
    .where('deliveries.deliveredOn', '<=', to);
  const [rows, steps] = await Promise.all([
    current.select(['deliveries.id', 'deliveries.sessionId', 'banks.regionId']).execute(),
    current
      .innerJoin('deliverySteps', (j) =>
        j
          .onRef('deliverySteps.deliveryId', '=', 'deliveries.id')
          .onRef('deliverySteps.version', '=', 'deliveries.version'),
      )
      .select(['deliverySteps.deliveryId', 'deliverySteps.stepIndex'])
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, { ...r, steps: new Set<number>() }]));
  for (const s of steps) byId.get(s.deliveryId)?.steps.add(s.stepIndex);
  return [...byId.values()];
}
