import type { Kysely } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { isSealed, type NameCipher } from './name-cipher.ts';

/**
 * Re-seals every member's name with the new key, in one transaction: all names move to the new
 * key or none does. A name still in clear text (from before encryption) is sealed too. Before the
 * commit every row is opened again with the new key, so a transaction that commits is one whose
 * names the new key reads.
 */
export async function resealNames(db: Kysely<DatabaseTables>, from: NameCipher, to: NameCipher): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('members')
      .select(['id', 'bankId', 'displayName'])
      .where('displayName', '!=', '')
      .orderBy('id')
      .execute();
    for (const m of rows) {
      const name = isSealed(m.displayName) ? from.open(m, m.displayName) : m.displayName;
      await trx
        .updateTable('members')
        .set({ displayName: to.seal(m, name) })
        .where('id', '=', m.id)
        .execute();
    }
    const after = await trx
      .selectFrom('members')
      .select(['id', 'bankId', 'displayName'])
      .where('displayName', '!=', '')
      .execute();
    for (const m of after) to.open(m, m.displayName);
    return rows.length;
  });
}
