import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';
import { createUser, listUsers } from '../../../../attendance/organisation/organisation.service.ts';

export const prerender = false;

export const GET = endpoint(contracts.listUsers, async ({ db, principal }) => ({
  users: await listUsers(db, principal),
}));
export const POST = endpoint(contracts.createUser, async ({ db, principal, body, address }) =>
  createUser(db, principal, body, address),
);
