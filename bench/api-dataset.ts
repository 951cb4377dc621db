import { sql, type Kysely } from 'kysely';
import type { DatabaseTables } from '../src/attendance/db/tables.ts';

/**
 * A programme-sized dataset written straight into the database (the API would take minutes to
 * load it): 2,500 banks of 40 members = 100,000 members, 10 deliveries per bank, one attendance
 * row per member per delivery = 1,000,000 rows. Ids are synthetic but unique.
 */
export const SIZE = { banks: 2500, membersPerBank: 40, deliveriesPerBank: 10 } as const;

export async function loadDataset(
  db: Kysely<DatabaseTables>,
  kind: 'sqlite' | 'postgresql',
  ids: { organisationId: string; regionId: string; facilitatorId: string },
  sessionIds: string[],
  size: { banks: number; membersPerBank: number; deliveriesPerBank: number } = SIZE,
) {
  const { banks, membersPerBank, deliveriesPerBank } = size;
  const members = banks * membersPerBank;
  const deliveries = banks * deliveriesPerBank;
  const now = new Date().toISOString();
  const uuid = (prefix: string, n: string) =>
    kind === 'sqlite'
      ? `printf('${prefix}-0000-4000-8000-%012d', ${n})`
      : `'${prefix}-0000-4000-8000-' || lpad((${n})::text, 12, '0')`;
  const series = (count: number) =>
    kind === 'sqlite'
      ? `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${count - 1})`
      : `with n(i) as (select generate_series(0, ${count - 1}))`;
  const sessionAt = (expr: string) =>
    `case (${expr}) ${sessionIds.map((id, i) => `when ${i} then '${id}'`).join(' ')} end`;
  const run = (text: string) => sql.raw(text).execute(db);

  await run(`${series(banks)} insert into banks (id, organisation_id, region_id, code, name, facilitator_id, created_at)
    select ${uuid('b0000000', 'i')}, '${ids.organisationId}', '${ids.regionId}', 'B' || i, 'Banco ' || i, '${ids.facilitatorId}', '${now}' from n`);
  await run(`${series(members)} insert into members (id, bank_id, member_code, display_name, enrolled_on, created_at)
    select ${uuid('a0000000', 'i')}, ${uuid('b0000000', `i / ${membersPerBank}`)}, 'S-' || (i % ${membersPerBank}), 'Socia ' || i, '2026-01-01', '${now}' from n`);
  await run(`${series(deliveries)} insert into deliveries (id, bank_id, session_id, curriculum_version, delivered_on, facilitator_id, created_at)
    select ${uuid('d0000000', 'i')}, ${uuid('b0000000', `i / ${deliveriesPerBank}`)}, ${sessionAt(`i % ${deliveriesPerBank}`)}, '1.0', '2026-0' || (1 + i % 9) || '-15', '${ids.facilitatorId}', '${now}' from n`);
  // Member m attends between 2 and 9 of her bank's 10 deliveries (m % 8 + 2), spread over the
  // sessions, so the counted sessions give every completion level from none to all.
  const member = `((i / ${membersPerBank * deliveriesPerBank}) * ${membersPerBank} + (i / ${deliveriesPerBank}) % ${membersPerBank})`;
  await run(`${series(members * deliveriesPerBank)} insert into attendance (id, delivery_id, member_id, present, recorded_by, recorded_at)
    select ${uuid('e0000000', 'i')}, ${uuid('d0000000', `(i / ${membersPerBank * deliveriesPerBank}) * ${deliveriesPerBank} + i % ${deliveriesPerBank}`)},
      ${uuid('a0000000', member)},
      case when ((${member} * 7 + i % ${deliveriesPerBank}) % 10) < (${member} % 8) + 2 then 1 else 0 end, '${ids.facilitatorId}', '${now}' from n`);
  // What the roll call services keep beside the marks (indicators/member-sessions.ts), as migration 0012 backfills it.
  await run(`insert into member_sessions (bank_id, member_id, session_id, meetings)
    select d.bank_id, a.member_id, d.session_id, count(*) from attendance a join deliveries d on d.id = a.delivery_id
    where a.present = 1 group by d.bank_id, a.member_id, d.session_id`);
  if (kind === 'postgresql') await run('vacuum analyze');
  return { members, attendance: members * deliveriesPerBank };
}
