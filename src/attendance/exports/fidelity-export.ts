import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import type { Principal } from '../principal.ts';
import { audit } from '../audit/audit.ts';
import type { CurriculumIndex } from '../curriculum-index.ts';
import { computeFidelity, type FidelityQuery } from '../fidelity/fidelity.service.ts';

/**
 * Delivery fidelity as CSV for the process evaluation: one row per session, unit and core step,
 * with exactly the protection of GET /fidelity (a hidden unit's cells say "oculto"). Audited
 * with its row count, like every export.
 */
export async function exportFidelity(
  db: Kysely<DatabaseTables>,
  actor: Principal,
  curriculum: CurriculumIndex,
  query: FidelityQuery,
  address: string | null,
) {
  const result = await computeFidelity(db, actor, curriculum, query);
  const rows = result.bySession.flatMap((s) =>
    s.units.flatMap((u) =>
      u.steps.map((step) => ({
        quarter: result.quarter,
        session_id: s.sessionId,
        level: u.level,
        region_code: u.code ?? '',
        step_index: step.index,
        step_title: s.coreSteps.find((c) => c.index === step.index)?.title ?? '',
        deliveries: u.deliveries,
        done: step.done,
        share: step.share,
      })),
    ),
  );
  await audit(db, {
    actorId: actor.userId,
    action: 'export.fidelity',
    address,
    detail: { rows: rows.length, programmeId: query.programmeId, quarter: result.quarter },
  });
  const columns = [
    'quarter',
    'session_id',
    'level',
    'region_code',
    'step_index',
    'step_title',
    'deliveries',
    'done',
    'share',
  ];
  return stringify(rows, { header: true, columns });
}
