import organisation from 'virtual:tejido/organisation';
import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { saveAttendanceBatch } from '../../../attendance/deliveries/attendance.service.ts';

export const prerender = false;

export const POST = endpoint(contracts.saveAttendance, async ({ db, principal, body, curriculum, address }) =>
  saveAttendanceBatch(db, principal, await curriculum(), body, address, organisation.attendance.correctionDays),
);
