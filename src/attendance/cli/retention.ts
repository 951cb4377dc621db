// `npm run retention [-- --dry-run]`: erases the withdrawn members whose data are due under
// `retention.withdrawnMemberYears` (content/organisation.yaml), as the server does once a day.
// `--dry-run` only prints how many would be erased and writes nothing. `--audit-log` instead
// prunes the audit log's lines older than `retention.auditLogYears`, as the owner of the table
// (on PostgreSQL DATABASE_OWNER_URL; audit-retention.ts says why). See README, "Retention".
import { parseArgs } from 'node:util';
import { connect } from '../db/connect.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { runRetention } from '../members/retention.ts';
import { pruneAuditLog } from '../audit/audit-retention.ts';
import { readOrganisation } from '../../curriculum/load/from-disk.ts';

const { values } = parseArgs({
  options: { 'dry-run': { type: 'boolean', default: false }, 'audit-log': { type: 'boolean', default: false } },
});

async function main(): Promise<number> {
  const read = readOrganisation(process.env.TEJIDO_CONTENT_ROOT ?? process.cwd());
  if (!read.data) {
    for (const error of read.errors)
      console.error(`${error.file}${error.line ? `:${error.line}` : ''} ${error.field} ${error.message}`);
    return 2;
  }
  const settings = read.data.retention;
  let connection;
  try {
    connection = connect();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  try {
    await prepareDatabase(connection);
    const started = performance.now();
    if (values['audit-log']) {
      const pruned = await pruneAuditLog(connection, settings.auditLogYears, { dryRun: values['dry-run'] });
      const rule = `older than ${pruned.cutoff.slice(0, 10)}, ${settings.auditLogYears} years`;
      if (pruned.dryRun) console.log(`Would delete ${pruned.due} audit log lines (${rule}). Nothing was changed.`);
      else console.log(`Deleted ${pruned.deleted} audit log lines (${rule}) on ${connection.kind}.`);
      return 0;
    }
    const run = await runRetention(connection, settings, { dryRun: values['dry-run'] });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const rule = `withdrawn and last roll call before ${run.cutoff}, ${settings.withdrawnMemberYears} years`;
    if (run.dryRun) console.log(`Would erase ${run.due} withdrawn members (${rule}). Nothing was changed.`);
    else console.log(`Erased ${run.erased} withdrawn members (${rule}) on ${connection.kind} in ${seconds} s.`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await connection.db.destroy();
  }
}

process.exitCode = await main();
