import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { migrations } from '../migrations/index.ts';
import { migrateToLatest } from './migrate.ts';

/** One table's figures on both sides, as the copy command prints them. */
export interface TableCopied {
  table: string;
  sqliteRows: number;
  postgresRows: number;
  /** sha256 over the rows in primary-key order (see `rowText`). */
  sqliteChecksum: string;
  postgresChecksum: string;
}

export interface CopyReport {
  tables: TableCopied[];
  milliseconds: number;
}

/** Nothing was copied: the databases are not in a state to copy from or into. The message says why. */
export class CopyRefusedError extends Error {
  readonly code = 'copy_refused';
}

/** The copy was made but does not read back the same: it was rolled back. */
export class CopyMismatchError extends Error {
  readonly code = 'copy_mismatch';
  readonly tables: TableCopied[];
  constructor(tables: TableCopied[]) {
    super(
      `copy_mismatch: ${tables
        .filter((t) => !matches(t))
        .map((t) => t.table)
        .join(', ')} differ after the copy; nothing was kept.`,
    );
    this.tables = tables;
  }
}

export const matches = (t: TableCopied) => t.sqliteRows === t.postgresRows && t.sqliteChecksum === t.postgresChecksum;

// Kysely's own bookkeeping: the target's come from running the migrations on it.
const isBookkeeping = (table: string) => table.startsWith('kysely_migration');
/** The one row migration 0001 writes on every new database; the copy replaces it with the source's. */
const SEEDED_BY_MIGRATION: Record<string, number> = { installation: 1 };

interface Column {
  name: string;
  /** Its place in the primary key, 1-based; 0 when not part of it. */
  pk: number;
}

interface Table {
  name: string;
  columns: string[];
  /** Primary-key columns in key order; every column when the table has no primary key. */
  key: string[];
  /** Tables this one's foreign keys point to. */
  references: string[];
}

/**
 * Copies every table of a SQLite database into an empty PostgreSQL database at the same
 * migration, in one PostgreSQL transaction, then reads both back and compares row counts and
 * checksums table by table; any difference rolls the whole copy back. The list of tables comes
 * from SQLite's own catalog, so a table nobody told this file about is copied too, or the copy
 * refuses (when PostgreSQL has no such table); it is never left behind in silence.
 */
export async function copySqliteToPostgres(
  source: Kysely<any>,
  target: Kysely<any>,
  options: { chunkRows?: number } = {},
): Promise<CopyReport> {
  const started = performance.now();
  const latest = Object.keys(migrations).sort();
  const sourceMigrations = await executedMigrations(source, 'sqlite');
  if (sourceMigrations === undefined)
    throw new CopyRefusedError(
      'copy_refused: the SQLite database has no migrations table; is DATA_DIR the right directory?',
    );
  if (sourceMigrations.join() !== latest.join()) {
    throw new CopyRefusedError(
      `copy_refused: the SQLite database is at migration ${sourceMigrations.at(-1) ?? '(none)'}, this version of Tejido at ${latest.at(-1)}. ` +
        'Start the server once on SQLite (or run `npm run migrate` without DATABASE_URL), stop it, then copy.',
    );
  }
  await migrateToLatest(target);
  const targetMigrations = (await executedMigrations(target, 'postgresql')) ?? [];
  if (targetMigrations.join() !== latest.join()) {
    throw new CopyRefusedError(
      `copy_refused: PostgreSQL is at migration ${targetMigrations.at(-1) ?? '(none)'}, ` +
        `this version of Tejido at ${latest.at(-1)}; it must run the same migrations.`,
    );
  }
  const tables = foreignKeyOrder(await sqliteTables(source));
  const targetColumns = await postgresColumns(target);
  const problems: string[] = [];
  for (const table of tables) {
    const columns = targetColumns.get(table.name);
    if (!columns) problems.push(`table ${table.name} is in SQLite but not in PostgreSQL`);
    else if ([...columns.keys()].sort().join() !== [...table.columns].sort().join())
      problems.push(
        `table ${table.name} has columns (${table.columns.join(', ')}) in SQLite but (${[...columns.keys()].join(', ')}) in PostgreSQL`,
      );
  }
  for (const name of targetColumns.keys())
    if (!tables.some((t) => t.name === name)) problems.push(`table ${name} is in PostgreSQL but not in SQLite`);
  if (problems.length)
    throw new CopyRefusedError(
      `copy_refused: the two schemas differ, nothing was copied:\n  - ${problems.join('\n  - ')}`,
    );

  // A consistent snapshot of SQLite (a read transaction), copied into PostgreSQL all or nothing.
  const copied = await source.transaction().execute((from) =>
    target.transaction().execute(async (to) => {
      const occupied: string[] = [];
      for (const table of tables) {
        const rows = await countRows(to, table.name);
        if (rows > (SEEDED_BY_MIGRATION[table.name] ?? 0)) occupied.push(`${table.name} (${rows} rows)`);
      }
      if (occupied.length)
        throw new CopyRefusedError(
          `copy_refused: the PostgreSQL database is not empty: ${occupied.join(', ')}. Copy into a new, empty database.`,
        );
      for (const name of Object.keys(SEEDED_BY_MIGRATION))
        if (tables.some((t) => t.name === name)) await to.deleteFrom(name).execute();

      const report: TableCopied[] = [];
      for (const table of tables) {
        const sqliteSide = await copyTable(from, to, table, targetColumns.get(table.name)!, options.chunkRows ?? 1000);
        const postgresSide = await postgresChecksum(to, table, targetColumns.get(table.name)!);
        report.push({
          table: table.name,
          sqliteRows: sqliteSide.rows,
          sqliteChecksum: sqliteSide.checksum,
          postgresRows: postgresSide.rows,
          postgresChecksum: postgresSide.checksum,
        });
      }
      if (!report.every(matches)) throw new CopyMismatchError(report);
      return report;
    }),
  );
  return { tables: copied, milliseconds: Math.round(performance.now() - started) };
}

async function executedMigrations(db: Kysely<any>, kind: 'sqlite' | 'postgresql'): Promise<string[] | undefined> {
  const exists =
    kind === 'sqlite'
      ? await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db)
      : await sql<{
          n: number;
        }>`select count(*)::int as n from pg_tables where schemaname = current_schema() and tablename = 'kysely_migration'`.execute(
          db,
        );
  if (!Number(exists.rows[0]?.n)) return undefined;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function sqliteTables(db: Kysely<any>): Promise<Table[]> {
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and substr(name, 1, 7) <> 'sqlite_' order by name`.execute(db);
  const tables: Table[] = [];
  for (const { name } of rows.filter((r) => !isBookkeeping(r.name))) {
    const columns = (await sql<Column>`select name, pk from pragma_table_info(${name}) order by cid`.execute(db)).rows;
    const key = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const references = (
      await sql<{ table: string }>`select distinct "table" from pragma_foreign_key_list(${name})`.execute(db)
    ).rows.map((r) => r.table);
    tables.push({
      name,
      columns: columns.map((c) => c.name),
      key: key.length ? key : columns.map((c) => c.name),
      references,
    });
  }
  return tables;
}

/** Column name → PostgreSQL data type, per table of the current schema. */
async function postgresColumns(db: Kysely<any>): Promise<Map<string, Map<string, string>>> {
  const { rows } = await sql<{ table: string; column: string; type: string }>`
    select c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c join pg_tables t on t.schemaname = c.table_schema and t.tablename = c.table_name
    where c.table_schema = current_schema() order by c.table_name, c.ordinal_position`.execute(db);
  const tables = new Map<string, Map<string, string>>();
  for (const r of rows.filter((r) => !isBookkeeping(r.table)))
    tables.set(r.table, (tables.get(r.table) ?? new Map()).set(r.column, r.type));
  return tables;
}

/** Parents before children, so every foreign key finds its row (names break ties, for a stable order). */
export function foreignKeyOrder(tables: Table[]): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: Table[] = [];
  const visit = (table: Table) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name))
      throw new CopyRefusedError(
        `copy_refused: the foreign keys of ${table.name} form a cycle; this command cannot order them.`,
      );
    visiting.add(table.name);
    // A table pointing at itself is not ordered here; none does today.
    for (const parent of table.references) if (parent !== table.name && byName.has(parent)) visit(byName.get(parent)!);
    visiting.delete(table.name);
    done.add(table.name);
    order.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return order;
}

async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * What the checksum hashes for one row: each value tagged with its kind, so the integer 1 and
 * the text '1' differ, and a value PostgreSQL stored as another type fails the comparison.
 */
export function rowText(columns: readonly string[], row: Record<string, unknown>): string {
  return JSON.stringify(
    columns.map((c) => {
      const v = row[c];
      if (v === null || v === undefined) return null;
      if (typeof v === 'number' || typeof v === 'bigint') return `n:${v}`;
      if (typeof v === 'string') return `s:${v}`;
      if (typeof v === 'boolean') return `b:${v}`;
      if (v instanceof Uint8Array) return `x:${Buffer.from(v).toString('hex')}`;
      return `?:${String(v)}`;
    }),
  );
}

/** Reads one table from SQLite in key order, chunk by chunk (keyset, not OFFSET), and inserts each chunk. */
async function copyTable(
  from: Kysely<any>,
  to: Kysely<any>,
  table: Table,
  targetTypes: Map<string, string>,
  chunkRows: number,
) {
  const hash = createHash('sha256');
  // PostgreSQL allows 65,535 parameters per statement.
  const limit = Math.max(1, Math.min(chunkRows, Math.floor(60_000 / table.columns.length)));
  const key = sql.join(table.key.map((c) => sql.ref(c)));
  let last: unknown[] | undefined;
  let rows = 0;
  for (;;) {
    const after = last ? sql`where (${key}) > (${sql.join(last.map((v) => sql`${v}`))})` : sql``;
    const chunk = (
      await sql<
        Record<string, unknown>
      >`select ${sql.join(table.columns.map((c) => sql.ref(c)))} from ${sql.table(table.name)} ${after} order by ${key} limit ${limit}`.execute(
        from,
      )
    ).rows;
    if (chunk.length === 0) break;
    for (const row of chunk) hash.update(rowText(table.columns, row) + '\n');
    // Values go as they are: integers stay integers, text (timestamps included) stays the same text.
    await to
      .insertInto(table.name)
      .values(
        chunk.map((row) => Object.fromEntries(table.columns.map((c) => [c, convert(row[c], targetTypes.get(c))]))),
      )
      .execute();
    rows += chunk.length;
    const end = chunk.at(-1)!;
    last = table.key.map((c) => end[c]);
    if (chunk.length < limit) break;
  }
  const counted = await countRows(from, table.name);
  if (counted !== rows)
    throw new CopyRefusedError(
      `copy_refused: read ${rows} rows of ${table.name} from SQLite but it holds ${counted}; was the server still writing?`,
    );
  return { rows, checksum: hash.digest('hex') };
}

/** SQLite keeps booleans as 0/1; a PostgreSQL boolean column (none today) takes them as booleans. */
function convert(value: unknown, type: string | undefined): unknown {
  if (type === 'boolean' && (value === 0 || value === 1)) return value === 1;
  return value;
}

/**
 * The same checksum, read back from PostgreSQL through a cursor (one sort, however many rows).
 * Text keys are ordered byte by byte (COLLATE "C"), as SQLite's default BINARY collation does,
 * whatever the database's locale.
 */
async function postgresChecksum(db: Kysely<any>, table: Table, types: Map<string, string>) {
  const hash = createHash('sha256');
  const order = sql.join(table.key.map((c) => (isText(types.get(c)) ? sql`${sql.ref(c)} collate "C"` : sql.ref(c))));
  const select = sql.join(
    table.columns.map((c) => (types.get(c) === 'boolean' ? sql`${sql.ref(c)}::int as ${sql.ref(c)}` : sql.ref(c))),
  );
  await sql`declare tejido_copy_check no scroll cursor for select ${select} from ${sql.table(table.name)} order by ${order}`.execute(
    db,
  );
  let rows = 0;
  for (;;) {
    const chunk = (await sql<Record<string, unknown>>`fetch 1000 from tejido_copy_check`.execute(db)).rows;
    for (const row of chunk) hash.update(rowText(table.columns, row) + '\n');
    rows += chunk.length;
    if (chunk.length < 1000) break;
  }
  await sql`close tejido_copy_check`.execute(db);
  return { rows, checksum: hash.digest('hex') };
}

const isText = (type: string | undefined) => type === 'text' || type === 'character varying' || type === 'character';
