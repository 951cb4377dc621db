// `npm run backup`: a consistent copy of the attendance database while the server runs, with a
// manifest and a checksum beside it. `-- --to DIR` (default BACKUP_DIR or ./backups);
// `-- --keep-daily 7 --keep-weekly 4` then deletes the older copies in that folder.
import { parseArgs } from 'node:util';
import { basename, relative } from 'node:path';
import { rotateBackups } from '../backup/rotate.ts';
import { takeBackup } from '../backup/take.ts';

const count = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new Error(`${flag} takes a whole number of backups to keep, e.g. ${flag} 7 (got "${value}").`);
  return Number(value);
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;

async function main(): Promise<number> {
  let options: { to: string; daily?: number; weekly?: number };
  try {
    const { values } = parseArgs({
      options: { to: { type: 'string' }, 'keep-daily': { type: 'string' }, 'keep-weekly': { type: 'string' } },
    });
    options = {
      to: values.to ?? process.env.BACKUP_DIR ?? 'backups',
      daily: count(values['keep-daily'], '--keep-daily'),
      weekly: count(values['keep-weekly'], '--keep-weekly'),
    };
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  try {
    const taken = await takeBackup(process.env, options.to);
    const shown = relative(process.cwd(), taken.path).startsWith('..')
      ? taken.path
      : relative(process.cwd(), taken.path);
    console.log(
      `Backup of ${taken.manifest.kind} written to ${shown} (${megabytes(taken.manifest.bytes)}, ` +
        `${(taken.elapsedMs / 1000).toFixed(1)} s, schema ${taken.manifest.latestMigration}).`,
    );
    if (options.daily !== undefined || options.weekly !== undefined) {
      const removed = rotateBackups(
        options.to,
        { daily: options.daily ?? 0, weekly: options.weekly ?? 0 },
        basename(taken.path),
      );
      if (removed.length > 0)
        console.log(`Removed ${removed.length} older backup${removed.length === 1 ? '' : 's'}: ${removed.join(', ')}.`);
    }
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

process.exitCode = await main();
