import organisation from 'virtual:tejido/organisation';
import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { listDeliveries } from '../../../../../attendance/deliveries/attendance.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listDeliveries, async ({ db, principal, params }) => ({
  deliveries: await listDeliveries(db, principal, params.bankId, organisation.attendance.correctionDays),
}));
