import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { readAttendance } from '../../../../../attendance/deliveries/attendance.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.readAttendance, async ({ db, principal, params }) => ({ attendance: await readAttendance(db, principal, params.deliveryId) }));
