import { sql, type Kysely } from 'kysely';
import { existsSync, readFileSync } from 'node:fs';
import type { DatabaseTables } from '../db/tables.ts';
import {
  DataKeyError,
  describe,
  keyFromBase64,
  keySource,
  newKey,
  readKey,
  writeKeyFile,
  type DataKey,
  type KeySource,
} from './data-key.ts';
import { NameCipher, PREFIX, useNameCipher } from './name-cipher.ts';

type Db = Kysely<DatabaseTables>;

/** The ids of the keys that sealed the names now stored (8 hex characters after `v1:`). */
export async function keyIdsInDatabase(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .select(sql<string>`substr(display_name, 4, 8)`.as('keyId'))
    .distinct()
    .where(sql<boolean>`substr(display_name, 1, 3) = ${PREFIX}`)
    .execute();
  return rows.map((r) => r.keyId);
}

/**
 * Loads the data key and checks it against the database before the first query: a key that did
 * not seal the stored names stops here, naming TEJIDO_DATA_KEY or the key file, instead of
 * failing later on every roster. A missing key file is created (mode 0600) only while no name
 * is sealed yet, i.e. on a new installation or the first start after this change. Then every
 * name still in clear text is sealed, in one transaction (idempotent: the next start finds none).
 *
 * This is a start-up step, not migration 0011, because migrations run as the owner role and
 * from `npm run migrate`, which have no business holding the key; the key lives with the app
 * server, and the app role may update members.
 */
export async function prepareNames(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<NameCipher> {
  const source = keySource(env);
  const stored = await keyIdsInDatabase(db);
  let key = readKey(source, env);
  if (!key) {
    if (stored.length)
      throw new DataKeyError(
        `the database holds names sealed with key ${stored.join(', ')}, but ${describe(source)} does not ` +
          `exist. Restore the key file from its backup (or set TEJIDO_DATA_KEY); a new key cannot read them.`,
      );
    key = writeKeyFile((source as Extract<KeySource, { kind: 'file' }>).path, newKey());
    console.log(
      `Tejido: created the data key ${key.id} in ${describe(source)}. Back it up apart from the database: without it no name can be read.`,
    );
  }
  const other = stored.filter((id) => id !== key.id);
  if (other.length)
    throw new DataKeyError(
      `the database holds names sealed with key ${other.join(', ')}, but ${describe(source)} holds ` +
        `key ${key.id}.${interruptedRotation(source, other)} Names are not shown with the wrong key.`,
    );
  const cipher = new NameCipher(key);
  await sealClearNames(db, cipher);
  useNameCipher(cipher);
  return cipher;
}

/** A rotation stopped between its commit and the renaming of the key file leaves `<file>.new`. */
function interruptedRotation(source: KeySource, wanted: string[]) {
  if (source.kind !== 'file' || !existsSync(`${source.path}.new`)) return '';
  let key: DataKey;
  try {
    key = keyFromBase64(readFileSync(`${source.path}.new`, 'utf8'), `${source.path}.new`);
  } catch {
    return '';
  }
  return wanted.includes(key.id)
    ? ` ${source.path}.new holds key ${key.id}: a rotation stopped before renaming it; move it to ${source.path}.`
    : '';
}

/** Seals every name still in clear text (from before names were encrypted), in one transaction. */
export async function sealClearNames(db: Db, cipher: NameCipher): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const clear = await trx
      .selectFrom('members')
      .select(['id', 'bankId', 'displayName'])
      .where('displayName', '!=', '')
      .where(sql<boolean>`substr(display_name, 1, 3) <> ${PREFIX}`)
      .execute();
    for (const m of clear)
      await trx
        .updateTable('members')
        .set({ displayName: cipher.seal(m, m.displayName) })
        .where('id', '=', m.id)
        .execute();
    if (clear.length) console.log(`Tejido: sealed ${clear.length} member names that were in clear text.`);
    return clear.length;
  });
}
