import organisation from 'virtual:tejido/organisation';
import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { reopenRollCall } from '../../../../../attendance/deliveries/correction.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.reopenAttendance, async ({ db, principal, params, address }) =>
  reopenRollCall(db, principal, params.deliveryId, organisation.attendance.correctionDays, address),
);
