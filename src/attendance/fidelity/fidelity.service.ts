import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { audit } from '../audit/audit.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { HIDDEN } from '../disclosure/policy.ts';
import type { fidelityQuery, fidelityResponse } from './fidelity-schemas.ts';
import { reportedDeliveries, type ReportedDelivery } from './fidelity.repository.ts';
import { protectShares, share, type RegionDeliveries } from './protect-shares.ts';
import { quarterDays, quarterOf } from './quarters.ts';

type Db = Kysely<DatabaseTables>;
export type FidelityQuery = z.output<typeof fidelityQuery>;
export type Fidelity = z.output<typeof fidelityResponse>;
type Unit = Fidelity['bySession'][number]['units'][number];

/**
 * Delivery fidelity for the process evaluation: per session of a programme and per quarter, the
 * share of deliveries that did each core step. Counts of meetings, never of women, and still
 * protected like every figure above the facilitator (protect-shares.ts). The coordinator sees
 * her region; the admin the organisation and every region. Each read is audited, as the
 * indicators are: the one risk left (reading before and after a sync) is then accountable.
 */
export async function computeFidelity(
  db: Db,
  actor: Principal,
  curriculum: CurriculumIndex,
  query: FidelityQuery,
  now = new Date(),
): Promise<Fidelity> {
  const programme = curriculum.programmes.get(query.programmeId);
  if (!programme)
    throw new ApiError('unprocessable', `There is no programme with the id "${query.programmeId}".`, {
      field: 'programmeId',
    });
  if (query.from || query.to) {
    throw new ApiError(
      'fixed_period',
      'Fidelity figures cover one calendar quarter: two free periods compared would ' +
        'give one meeting’s steps. Leave out from and to; give quarter, e.g. 2026-Q4.',
      {
        field: query.from ? 'from' : 'to',
      },
    );
  }
  const quarter = query.quarter ?? quarterOf(now);
  const { from, to } = quarterDays(quarter);
  const sessions = [...curriculum.sessions].filter(
    ([, s]) => s.programme === query.programmeId && s.coreSteps.length > 0,
  );
  const [regions, delivered] = await Promise.all([
    db
      .selectFrom('regions')
      .select(['id', 'code'])
      .where('organisationId', '=', actor.organisationId)
      .orderBy('code')
      .execute(),
    reportedDeliveries(
      db,
      actor.organisationId,
      sessions.map(([id]) => id),
      from,
      to,
    ),
  ]);
  const policy = curriculum.disclosure;
  // The admin reads the organisation and every region; a coordinator her own region only.
  const visible = actor.role === 'admin' ? regions : regions.filter((r) => r.id === actor.regionId);

  return {
    programmeId: query.programmeId,
    quarter,
    from,
    to,
    hideUpTo: policy.hideUpTo,
    bySession: sessions.map(([sessionId, session]) => {
      const ofSession = delivered.filter((d) => d.sessionId === sessionId);
      const steps = session.coreSteps.map((s) => s.index);
      const perRegion = regions.map((r) =>
        tally(
          r.id,
          ofSession.filter((d) => d.regionId === r.id),
          steps,
        ),
      );
      const protection = protectShares(perRegion, policy);
      const all = tally('', ofSession, steps);
      const units: Unit[] = [
        ...(actor.role === 'admin' ? [cells('organisation', null, all, steps, protection.organisationHidden)] : []),
        ...visible.map((r) => {
          const figures = perRegion.find((p) => p.regionId === r.id) ?? tally(r.id, [], steps);
          return cells('region', r.code, figures, steps, protection.hiddenRegions.has(r.id));
        }),
      ];
      return { sessionId, title: session.title, coreSteps: session.coreSteps, units };
    }),
  };
}

/** The fidelity figures as a person reads them: audited above the facilitator (every reader here). */
export async function readFidelity(
  db: Db,
  actor: Principal,
  curriculum: CurriculumIndex,
  query: FidelityQuery,
  address: string | null,
) {
  const result = await computeFidelity(db, actor, curriculum, query);
  await audit(db, {
    actorId: actor.userId,
    action: 'fidelity.read',
    address,
    detail: { programmeId: query.programmeId, quarter: result.quarter },
  });
  return result;
}

function tally(regionId: string, deliveries: readonly ReportedDelivery[], steps: readonly number[]): RegionDeliveries {
  return {
    regionId,
    deliveries: deliveries.length,
    done: new Map(steps.map((i) => [i, deliveries.filter((d) => d.steps.has(i)).length])),
  };
}

/** One unit's published figures: exact, or every one of them "oculto" together. */
function cells(
  level: Unit['level'],
  code: string | null,
  figures: RegionDeliveries,
  steps: readonly number[],
  hidden: boolean,
): Unit {
  if (hidden)
    return { level, code, deliveries: HIDDEN, steps: steps.map((index) => ({ index, done: HIDDEN, share: HIDDEN })) };
  return {
    level,
    code,
    deliveries: figures.deliveries,
    steps: steps.map((index) => {
      const done = figures.done.get(index) ?? 0;
      return { index, done, share: share(done, figures.deliveries) };
    }),
  };
}
