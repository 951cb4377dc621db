import organisation from 'virtual:tejido/organisation';
import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { readAttendance } from '../../../../../attendance/deliveries/attendance.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.readAttendance, async ({ db, principal, params }) =>
  readAttendance(db, principal, params.deliveryId, organisation.attendance.correctionDays),
);
