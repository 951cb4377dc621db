import { endpoint } from '../../../api/endpoint.ts';
import { contracts } from '../../../api/v1/contracts.ts';
import { listActivities, saveActivity } from '../../../attendance/activities/activity.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listActivities, async ({ db, principal, query }) => ({
  activities: await listActivities(db, principal, query),
}));
export const POST = endpoint(contracts.saveActivity, async ({ db, principal, body, address }) => ({
  status: (await saveActivity(db, principal, body, address)).status,
}));
