// `npm run rotate-key [-- --keep-old]`
// Seals every member's name with a new data key, in one transaction, then puts the new key where
// the server reads it. Stop every server process first: one still running holds the old key and
// would refuse to show names until restarted.
//
// With a key file (default `tejido.key` beside the data folder, or TEJIDO_KEY_FILE): the new key
// is written to `<file>.new` (0600) before the transaction; after the commit the old file becomes
// `<file>.old` and `<file>.new` takes its name; once every name has been read back with the key
// now in the file, `<file>.old` is deleted (kept as `<file>.old-<keyId>` with --keep-old, for
// backups taken before the rotation, which only the old key reads).
// With TEJIDO_DATA_KEY: the new key is printed on stdout, once; set it in place of the old one.
import { existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect } from '../db/connect.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { DataKeyError, describe, keyFromBase64, keySource, newKey, readKey, writeKeyFile } from '../crypto/data-key.ts';
import { keyIdsInDatabase } from '../crypto/names-at-rest.ts';
import { NameCipher } from '../crypto/name-cipher.ts';
import { resealNames } from '../crypto/rotate.ts';

const { values } = parseArgs({ options: { 'keep-old': { type: 'boolean', default: false } } });

async function main(): Promise<number> {
  const source = keySource();
  const current = readKey(source);
  if (!current)
    throw new DataKeyError(
      `${describe(source)} does not exist: there is no key to rotate (the server creates one on its first start).`,
    );
  const connection = connect();
  try {
    await prepareDatabase(connection);
    const other = (await keyIdsInDatabase(connection.db)).filter((id) => id !== current.id);
    if (other.length)
      throw new DataKeyError(
        `the database holds names sealed with key ${other.join(', ')}, but ${describe(source)} holds key ${current.id}. Nothing was changed.`,
      );
    const next = newKey();
    const pending = source.kind === 'file' ? `${source.path}.new` : undefined;
    if (pending && source.kind === 'file') {
      if (existsSync(pending))
        throw new DataKeyError(
          `${pending} exists: an earlier rotation did not finish. If the server reads every name with ` +
            `${source.path}, delete ${pending}; otherwise move it to ${source.path}. Nothing was changed.`,
        );
      writeKeyFile(pending, next);
    }
    let count: number;
    try {
      count = await resealNames(connection.db, new NameCipher(current), new NameCipher(next));
    } catch (error) {
      // Rolled back: the names are still sealed with the current key, which stays in place.
      if (pending) unlinkSync(pending);
      throw error;
    }
    console.error(`Sealed ${count} names with the new key ${next.id} (was ${current.id}) on ${connection.kind}.`);
    if (source.kind === 'env') {
      console.error('Set TEJIDO_DATA_KEY to this new key (the old one no longer reads any name) and start the server:');
      console.log(next.bytes.toString('base64'));
      return 0;
    }
    const old = `${source.path}.old`;
    renameSync(source.path, old);
    renameSync(pending as string, source.path);
    // Read back from the file itself: the names open with what the server will load.
    const installed = keyFromBase64(readFileSync(source.path, 'utf8'), source.path);
    const cipher = new NameCipher(installed);
    const rows = await connection.db
      .selectFrom('members')
      .select(['id', 'bankId', 'displayName'])
      .where('displayName', '!=', '')
      .execute();
    for (const m of rows) cipher.open(m, m.displayName);
    if (values['keep-old']) {
      renameSync(old, `${source.path}.old-${current.id}`);
      console.error(
        `Kept the old key as ${source.path}.old-${current.id}, for backups taken before now. Keep it as safe as the key itself.`,
      );
    } else unlinkSync(old);
    console.error(
      `${source.path} now holds key ${installed.id}; every name reads with it. Back it up apart from the database.`,
    );
    return 0;
  } finally {
    await connection.db.destroy();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
