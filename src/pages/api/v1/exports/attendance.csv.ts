import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { exportAttendance } from '../../../../attendance/exports/export.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.exportAttendance, async ({ db, principal, query, address }) =>
  exportAttendance(db, principal, query, address),
);
