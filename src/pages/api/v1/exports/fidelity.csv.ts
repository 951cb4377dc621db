import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { exportFidelity } from '../../../../attendance/exports/fidelity-export.ts';

export const prerender = false;

/** e.g. fidelity-imagen-peru-2026-Q4.csv: what the evaluation team files it under. */
const fileName = (programmeId: string, quarter: string) =>
  `fidelity-${programmeId.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60)}-${quarter}.csv`;

export const GET = endpoint(contracts.exportFidelity, async ({ db, principal, query, curriculum, address }) => {
  const csv = await exportFidelity(db, principal, await curriculum(), query, address);
  const quarter = csv.split('\n')[1]?.split(',')[0] || query.quarter || 'current';
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${fileName(query.programmeId, quarter)}"`,
    },
  });
});
