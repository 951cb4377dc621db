import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  adminUrl: string;
  stop: () => void;
}

/**
 * A throwaway PostgreSQL cluster on a free port, for the tests only. The server refuses to run
 * as root, so as root it runs as the `postgres` system user.
 */
export function startCluster(port: number): Cluster {
  if (!existsSync(join(BIN, 'initdb')))
    throw new Error(
      `PostgreSQL server binaries not found in ${BIN} (set PG_BIN). On Debian: apt-get install postgresql-15`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'tejido-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args];
    execFileSync(full[0] as string, full[1] as string[], { stdio: 'pipe' });
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D',
    dataDir,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      const args = ['-D', dataDir, '-m', 'immediate', 'stop'];
      if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), ...args]);
      else spawnSync(join(BIN, 'pg_ctl'), args);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A cluster on a port the OS says is free. Between asking and starting, another process (a test
 * server, a second cluster) may take the port: then pg_ctl fails and the next free port is tried.
 */
export async function startClusterOnFreePort(attempts = 3): Promise<Cluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return startCluster(await freePort());
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
