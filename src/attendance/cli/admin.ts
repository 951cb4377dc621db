// `npm run admin -- create-admin --email ana@ejemplo.pe --name "Ana Quispe"`
// Creates the first admin account. The password is typed at the prompt (or piped on stdin with
// --password-stdin); there is never a default password.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { connect } from '../db/connect.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { createAdmin } from '../organisation/organisation.service.ts';
import { readOrganisation } from '../../curriculum/load/from-disk.ts';
import { ApiError } from '../errors.ts';

const usage = 'usage: npm run admin -- create-admin --email EMAIL --name "FULL NAME" [--password-stdin]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const password = await rl.question('Password (12 characters or more): ');
  rl.close();
  return password;
}

async function main(): Promise<number> {
  if (positionals[0] !== 'create-admin' || !values.email || !values.name) {
    console.error(usage);
    return 2;
  }
  const password = await readPassword(values['password-stdin'] ?? false);
  if (password.length < 12) {
    console.error('The password must have at least 12 characters. Nothing was created.');
    return 1;
  }
  const organisation = readOrganisation(process.cwd()).data;
  const connection = connect();
  try {
    await prepareDatabase(connection);
    const admin = await createAdmin(connection.db, {
      organisationName: organisation?.name ?? 'Organisation',
      email: values.email,
      displayName: values.name,
      password,
    });
    console.log(`Created admin ${admin.email} (${admin.id}) on ${connection.kind}.`);
    return 0;
  } catch (error) {
    console.error(error instanceof ApiError ? error.message : error);
    return 1;
  } finally {
    await connection.db.destroy();
  }
}

process.exitCode = await main();
