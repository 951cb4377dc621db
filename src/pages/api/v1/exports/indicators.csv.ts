import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { exportIndicators } from '../../../../attendance/exports/export.service.ts';

export const prerender = false;

/** A file name that says what the file holds, e.g. indicators-imagen-peru-by-bank-2026-12-01.csv: the office downloads several. */
const fileName = (programmeId: string, groupBy: string) =>
  `indicators-${programmeId.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60)}-by-${groupBy}-${new Date().toISOString().slice(0, 10)}.csv`;

export const GET = endpoint(contracts.exportIndicators, async ({ db, principal, query, curriculum, address }) => {
  const csv = await exportIndicators(db, principal, await curriculum(), query, address);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${fileName(query.programmeId, query.groupBy ?? 'bank')}"`,
    },
  });
});
