// `npm run migrate`: brings the database schema up to date without starting the server.
// On PostgreSQL with two roles: DATABASE_OWNER_URL (owns the tables, runs the migrations) and
// DATABASE_URL (the server's role, given exactly its privileges afterwards). Run it at install and
// after each upgrade; the server then needs DATABASE_URL only, so the owner's password never
// has to sit in the server's environment.
import { connect, type Connection } from '../db/connect.ts';
import { prepareDatabase } from '../db/prepare.ts';

async function main(): Promise<number> {
  let connection: Connection;
  try {
    connection = connect();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  try {
    const prepared = await prepareDatabase(connection);
    const who = {
      owner: 'as the owner (DATABASE_OWNER_URL)',
      app: 'as the role of DATABASE_URL',
      none: '(nothing was pending)',
    }[prepared.migratedAs];
    console.log(`Database schema up to date on ${connection.kind} ${who}.`);
    if (prepared.grantedTo)
      console.log(`Role ${prepared.grantedTo} may read and write the tables, and only add to audit_log.`);
    else if (connection.kind === 'postgresql')
      console.log('Warning: the role of DATABASE_URL owns the tables; see "Two database roles" in the README.');
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await connection.db.destroy();
  }
}

process.exitCode = await main();
