import { endpoint } from '../../../../../api/endpoint.ts';
import { contracts } from '../../../../../api/v1/contracts.ts';
import { listVersions } from '../../../../../attendance/deliveries/correction.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listAttendanceVersions, async ({ db, principal, params }) => ({
  versions: await listVersions(db, principal, params.deliveryId),
}));
