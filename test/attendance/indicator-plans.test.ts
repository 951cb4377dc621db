import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CamelCasePlugin, Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../bench/api-dataset.ts';
import { migrateToLatest } from '../../src/attendance/db/migrate.ts';
import { nodeSqliteDialect } from '../../src/attendance/db/node-sqlite-dialect.ts';
import type { DatabaseTables } from '../../src/attendance/db/tables.ts';
import { attendancePerBank, type BankCondition } from '../../src/attendance/indicators/bank-counts.ts';
import { stampBank } from '../../src/attendance/indicators/bank-changes.ts';
import { databases } from '../support/api-world.ts';
import { startPostgres, testPool, type RunningPostgres } from '../support/postgres.ts';

/**
 * The plan of the indicators' attendance query, read with EXPLAIN on both databases, on 300 banks
 * of 40 members with 10 meetings each (120,000 marks, ~66,000 member_sessions rows): enough rows
 * for PostgreSQL's planner to prefer an index when one fits. The queries are the ones the code
 * runs (caught from Kysely's log), not copies. SQLite is not ANALYZEd: nobody runs it in the field.
 */
const SIZE = { banks: 300, membersPerBank: 40, deliveriesPerBank: 10 };
const sessions = Array.from({ length: 10 }, (_, i) => `gv-sesion-${i}`);
const rule = { minSessions: 4, countedSessionIds: sessions.slice(0, 7) };
let postgres: RunningPostgres | undefined;
afterAll(() => postgres?.stop());

interface PgPlan {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Space Type'?: string;
  'HashAgg Batches'?: number;
  'Disk Usage'?: number;
  Plans?: PgPlan[];
}
const nodes = (plan: PgPlan): PgPlan[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe.each(databases)('the indicators’ plan on %s', (kind) => {
  let db: Kysely<DatabaseTables>;
  let explain: (query: CompiledQuery) => Promise<unknown>;
  let closeExplain = async () => {};
  const logged: CompiledQuery[] = [];
  const organisation: BankCondition = (eb) => eb.and([eb('banks.organisationId', '=', 'o1')]);
  const oneBank: BankCondition = (eb) => eb.and([eb('banks.id', '=', 'b0000000-0000-4000-8000-000000000007')]);

  async function queriesOf(run: () => Promise<unknown>) {
    logged.length = 0;
    await run();
    return [...logged];
  }

  test('the dataset is in place', async () => {
    const log = (event: { query: CompiledQuery }) => void logged.push(event.query);
    if (kind === 'sqlite') {
      const file = join(mkdtempSync(join(tmpdir(), 'tejido-plans-')), 'tejido.sqlite');
      db = new Kysely<DatabaseTables>({ dialect: nodeSqliteDialect(file), plugins: [new CamelCasePlugin()], log });
      const reader = new DatabaseSync(file, { readOnly: true });
      explain = async (q) =>
        reader
          .prepare(`explain query plan ${q.sql}`)
          .all(...(q.parameters as string[]))
          .map((r) => (r as { detail: string }).detail);
    } else {
      postgres ??= await startPostgres();
      const url = await postgres.createDatabase('plans');
      db = new Kysely<DatabaseTables>({
        dialect: new PostgresDialect({ pool: testPool(url, 2) }),
        plugins: [new CamelCasePlugin()],
        log,
      });
      const client = testPool(url, 1);
      closeExplain = () => client.end();
      explain = async (q) =>
        (await client.query(`explain (analyze, format json) ${q.sql}`, q.parameters as unknown[])).rows[0][
          'QUERY PLAN'
        ][0].Plan;
    }
    await migrateToLatest(db as Kysely<any>);
    const at = '2026-05-01T10:00:00.000Z';
    await db.insertInto('organisations').values({ id: 'o1', name: 'Org', createdAt: at }).execute();
    await db
      .insertInto('regions')
      .values({ id: 'r1', organisationId: 'o1', code: 'AYA', name: 'Ayacucho', createdAt: at })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        organisationId: 'o1',
        email: 'f@b.test',
        displayName: 'F',
        role: 'facilitator',
        regionId: null,
        passwordHash: 'x',
        createdAt: at,
        disabledAt: null,
      })
      .execute();
    await loadDataset(db, kind, { organisationId: 'o1', regionId: 'r1', facilitatorId: 'u1' }, sessions, SIZE);
    const count = await db
      .selectFrom('attendance')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(120_000);
  }, 300_000);

  test('programme to date, the whole organisation: member_sessions read once, never attendance, no sort', async () => {
    // The first read: every bank's token, then one pass over member_sessions (kept-attendance.ts).
    const [stamps, query, ...rest] = await queriesOf(() => attendancePerBank(db, organisation, rule, {}));
    expect(rest).toEqual([]);
    expect(stamps?.sql).toMatch(/"bank_changes"/);
    expect(stamps?.sql).not.toMatch(/member_sessions|attendance|deliveries/);
    const plan = await explain(query as CompiledQuery);
    if (kind === 'sqlite') {
      const details = plan as string[];
      expect(details).toContain('SEARCH member_sessions USING PRIMARY KEY (bank_id=?)');
      expect(details.filter((d) => /attendance|deliveries|SCAN member_sessions/.test(d))).toEqual([]);
    } else {
      const all = nodes(plan as PgPlan);
      // attendance (1,000,000 rows at programme scale) is not read at all, nor deliveries.
      expect(all.filter((n) => n['Relation Name'] === 'attendance' || n['Relation Name'] === 'deliveries')).toEqual([]);
      expect(all.filter((n) => n['Relation Name'] === 'member_sessions')).toHaveLength(1);
      // Nothing spills to disk: no external sort (39 MB on disk before 0012), no hash batches.
      expect(
        all.filter(
          (n) => n['Sort Space Type'] === 'Disk' || (n['HashAgg Batches'] ?? 1) > 1 || (n['Disk Usage'] ?? 0) > 0,
        ),
      ).toEqual([]);
      // The whole organisation reads the whole table: PostgreSQL picks a sequential or an
      // index-only scan of it by size (index-only at 100,000 members); either way no sort.
      expect(all.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
    }
  });

  test('read again with nothing written: only the tokens, no count at all', async () => {
    const queries = await queriesOf(() => attendancePerBank(db, organisation, rule, {}));
    expect(queries).toHaveLength(1);
    expect(queries[0]?.sql).not.toMatch(/member_sessions|attendance|deliveries/);
    const plan = await explain(queries[0] as CompiledQuery);
    if (kind === 'sqlite') {
      // 300 banks by the organisation's index, each token by its key.
      expect((plan as string[]).some((d) => d.startsWith('SEARCH bank_changes USING INDEX'))).toBe(true);
      expect((plan as string[]).filter((d) => d.startsWith('SCAN'))).toEqual([]);
    }
  });

  test('programme to date, one bank written since: a seek into member_sessions’ key, no scan of any table', async () => {
    await stampBank(db, 'b0000000-0000-4000-8000-000000000007');
    const [stamps, query, ...rest] = await queriesOf(() => attendancePerBank(db, organisation, rule, {}));
    expect(stamps?.sql).toMatch(/"bank_changes"/);
    expect(rest).toEqual([]);
    // Only the written bank is counted again: its id is the one parameter beside the organisation's.
    expect(query?.parameters).toContain('b0000000-0000-4000-8000-000000000007');
    expect(query?.parameters.filter((p) => String(p).startsWith('b0000000-'))).toHaveLength(1);
    const plan = await explain(query as CompiledQuery);
    if (kind === 'sqlite') {
      const details = plan as string[];
      expect(details).toContain('SEARCH member_sessions USING PRIMARY KEY (bank_id=?)');
      expect(details.filter((d) => /^SCAN (?!per_member$)/.test(d) || /attendance|deliveries/.test(d))).toEqual([]);
    } else {
      const all = nodes(plan as PgPlan);
      expect(all.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
      expect(
        all.some((n) => n['Relation Name'] === 'member_sessions' && n['Index Name'] === 'member_sessions_key'),
      ).toBe(true);
      expect(all.filter((n) => n['Relation Name'] === 'attendance' || n['Relation Name'] === 'deliveries')).toEqual([]);
    }
  });

  test('a chosen period, one bank (the facilitator’s case): attendance through its indexes, no full scan', async () => {
    const [query] = await queriesOf(() =>
      attendancePerBank(db, oneBank, rule, { from: '2026-02-01', to: '2026-06-30' }),
    );
    const plan = await explain(query as CompiledQuery);
    if (kind === 'sqlite') {
      const details = plan as string[];
      expect(details.filter((d) => /^SCAN (attendance|deliveries|a|d)\b/.test(d))).toEqual([]);
      expect(details.some((d) => d.startsWith('SEARCH attendance'))).toBe(true);
    } else {
      const all = nodes(plan as PgPlan);
      expect(
        all.filter(
          (n) =>
            n['Node Type'] === 'Seq Scan' &&
            (n['Relation Name'] === 'attendance' || n['Relation Name'] === 'deliveries'),
        ),
      ).toEqual([]);
      expect(all.filter((n) => n['Sort Space Type'] === 'Disk')).toEqual([]);
    }
  });

  afterAll(async () => {
    await closeExplain();
    await db?.destroy();
  });
});
