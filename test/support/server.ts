import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './content-root.ts';
import { freePort } from './free-port.ts';

export { freePort };

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The data key's file (created by the server on first start), unless TEJIDO_DATA_KEY was given. */
  keyFile: string | undefined;
  pid: number;
  /** The server process's resident memory in bytes, from /proc/<pid>/status (Linux). */
  rssBytes: () => number;
  stop: () => Promise<void>;
  output: () => string;
}

/**
 * Where a test server keeps its data key, outside its data folder as in production: next to the
 * folder (`<dataDir>.key`) on SQLite; on PostgreSQL one file per database (host, port and name,
 * whichever role's URL is used), so every server process on one database shares its key.
 */
export function testKeyFile(dataDir: string, databaseUrl?: string) {
  if (!databaseUrl) return `${dataDir}.key`;
  const url = new URL(databaseUrl);
  return join(
    tmpdir(),
    `tejido-key-${createHash('sha256').update(`${url.hostname}:${url.port}${url.pathname}`).digest('hex').slice(0, 16)}.key`,
  );
}

/**
 * Starts the real built server (src/server/serve.ts over dist/, what `npm start` runs) on a free port with
 * its own data directory, and waits until it answers. `npm test` builds before running vitest.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'tejido-data-'));
  const keyFile =
    env.TEJIDO_DATA_KEY === undefined ? (env.TEJIDO_KEY_FILE ?? testKeyFile(dataDir, env.DATABASE_URL)) : undefined;
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(projectRoot, 'src/server/serve.ts'), join(projectRoot, process.env.TEJIDO_DIST ?? 'dist')],
    {
      cwd: projectRoot,
      // No daily retention run unless a test asks for one (test/api/retention.test.ts): a run's audit line would land in other tests' logs.
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        TEJIDO_RETENTION_INTERVAL_MS: 'off',
        ...(keyFile ? { TEJIDO_KEY_FILE: keyFile } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not start in 20 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    dataDir,
    keyFile,
    pid: child.pid as number,
    rssBytes: () => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) * 1024,
    output: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
