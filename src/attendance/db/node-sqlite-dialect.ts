import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { SqliteDialect } from 'kysely';

/**
 * Kysely's SqliteDialect speaks the better-sqlite3 interface; node:sqlite (built into Node 24,
 * no native addon to compile) differs only in how a statement says whether it returns rows.
 * `columns()` answers that for every statement, RETURNING clauses included.
 */
function betterSqliteShape(database: DatabaseSync, onClose?: () => void) {
  return {
    close: () => {
      database.close();
      onClose?.();
    },
    prepare(sql: string) {
      const statement = database.prepare(sql);
      const params = (values: readonly unknown[]) => values as SQLInputValue[];
      return {
        reader: statement.columns().length > 0,
        all: (values: readonly unknown[]) => statement.all(...params(values)),
        run: (values: readonly unknown[]) => {
          const result = statement.run(...params(values));
          return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
        },
        iterate: (values: readonly unknown[]) => statement.iterate(...params(values)),
      };
    },
  };
}

export interface NodeSqliteDialect extends SqliteDialect {
  /** Whether the file is in WAL mode, which a reader on another connection needs so as not to block writes. */
  readonly wal: boolean;
}

/** `onClose` runs when Kysely closes the connection (db.destroy()): connect.ts stops its read worker there. */
export function nodeSqliteDialect(path: string, onClose?: () => void): NodeSqliteDialect {
  const database = new DatabaseSync(path, { timeout: 5000 });
  // WAL lets the API read while a batch is being written; foreign keys are off by default in SQLite.
  database.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;');
  // An in-memory or read-only file may refuse WAL: asked back, not assumed.
  const mode = (database.prepare('PRAGMA journal_mode').get() as { journal_mode?: string } | undefined)?.journal_mode;
  const dialect = new SqliteDialect({ database: betterSqliteShape(database, onClose) as never });
  return Object.assign(dialect, { wal: mode === 'wal' });
}
