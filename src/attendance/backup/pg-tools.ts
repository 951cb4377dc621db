import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs pg_dump or pg_restore (from PG_BIN when set, else the PATH) against a database URL.
 * The password goes in PGPASSWORD rather than on the command line, where `ps` would show it.
 */
export async function pgTool(tool: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<string> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const binary = process.env.PG_BIN ? join(process.env.PG_BIN, tool) : tool;
  try {
    const { stdout } = await run(binary, [...args, `--dbname=${parsed.toString()}`], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(
        `${tool} not found: install the PostgreSQL client (apt-get install postgresql-client-15) or set PG_BIN to its folder.`,
        { cause: error },
      );
    throw new Error(`${tool} failed: ${(e.stderr ?? String(error)).trim()}`, { cause: error });
  }
}

/** `pg_restore --list` of an archive: its table of contents, or an error when it is not one. */
export async function archiveContents(file: string): Promise<string> {
  const binary = process.env.PG_BIN ? join(process.env.PG_BIN, 'pg_restore') : 'pg_restore';
  try {
    return (await run(binary, ['--list', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw new Error(`pg_restore cannot read it: ${((error as { stderr?: string }).stderr ?? String(error)).trim()}`, {
      cause: error,
    });
  }
}
