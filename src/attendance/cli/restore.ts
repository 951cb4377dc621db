// `npm run restore -- FILE`: puts a backup made by `npm run backup` back, into an empty data
// folder (SQLite, DATA_DIR) or an empty database (PostgreSQL, DATABASE_OWNER_URL or DATABASE_URL),
// then brings the schema up to date. It refuses, and writes nothing, when the file is not a
// Tejido backup, fails its checksum, is newer than this code, or the target already holds data.
import { restoreBackup, RestoreRefused } from '../backup/restore.ts';

async function main(): Promise<number> {
  const files = process.argv.slice(2);
  if (files.length !== 1 || files[0]!.startsWith('-')) {
    console.error(
      'Usage: npm run restore -- backups/tejido-YYYY-MM-DDTHHMMSSZ.sqlite (or .dump), with its .json and .sha256 beside it.',
    );
    return 2;
  }
  try {
    const restored = await restoreBackup(files[0]!, process.env);
    console.log(`Restored the backup of ${restored.manifest.takenAt} into ${restored.kind} ${restored.into}.`);
    if (restored.migrated.length > 0) console.log(`Migrated forward: ${restored.migrated.join(', ')}.`);
    return 0;
  } catch (error) {
    console.error(
      error instanceof RestoreRefused
        ? `Refused: ${error.message}`
        : `Restore failed: ${error instanceof Error ? error.message : error}`,
    );
    return error instanceof RestoreRefused ? 3 : 1;
  }
}

process.exitCode = await main();
