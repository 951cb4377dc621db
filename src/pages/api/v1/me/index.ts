import { endpoint } from '../../../../api/endpoint.ts';
import { contracts } from '../../../../api/v1/contracts.ts';

export const prerender = false;

export const GET = endpoint(contracts.me, async ({ db, principal }) => {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'displayName', 'role', 'regionId'])
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  return { user };
});
