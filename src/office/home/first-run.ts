import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../../attendance/db/tables.ts';
import type { Principal } from '../../attendance/principal.ts';

/** The steps that put an organisation to work, in order; each is done once something exists. */
export const firstRunSteps = ['region', 'bank', 'facilitator', 'assigned'] as const;
export type FirstRunStep = (typeof firstRunSteps)[number];

/**
 * Where the admin stands after `create-admin`: which of region → bank → facilitator → bank with
 * its facilitator exist already. Counts of the organisation's own units, never of women.
 */
export async function firstRunState(
  db: Kysely<DatabaseTables>,
  admin: Principal,
): Promise<Record<FirstRunStep, boolean>> {
  const count = async (query: Promise<{ n: number | string | bigint } | undefined>) =>
    Number((await query)?.n ?? 0) > 0;
  const org = admin.organisationId;
  const [region, bank, facilitator, assigned] = await Promise.all([
    count(
      db
        .selectFrom('regions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organisationId', '=', org)
        .executeTakeFirst() as never,
    ),
    count(
      db
        .selectFrom('banks')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organisationId', '=', org)
        .executeTakeFirst() as never,
    ),
    count(
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organisationId', '=', org)
        .where('role', '=', 'facilitator')
        .executeTakeFirst() as never,
    ),
    count(
      db
        .selectFrom('banks')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organisationId', '=', org)
        .where('facilitatorId', 'is not', null)
        .executeTakeFirst() as never,
    ),
  ]);
  return { region, bank, facilitator, assigned };
}
