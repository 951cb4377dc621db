import organisation from 'virtual:tejido/organisation';
import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { correctRollCall } from '../../../../../attendance/deliveries/correction.service.ts';

export const prerender = false;

export const POST = endpoint(
  contracts.correctAttendance,
  async ({ db, principal, params, body, address, curriculum }) =>
    correctRollCall(
      db,
      principal,
      params.deliveryId,
      body,
      organisation.attendance.correctionDays,
      address,
      new Date(),
      await curriculum(),
    ),
);
