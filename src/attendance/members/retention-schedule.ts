import { faultForLog } from '../../api/fault-log.ts';
import { connect, type Connection } from '../db/connect.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { runRetention, type RetentionSettings } from './retention.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The server's daily retention run (src/server/serve.ts starts it). The first run comes a minute
 * after start (or one interval, if shorter), then one every `intervalMs`. Its timers are unref'd,
 * so they never keep a process alive, and a run never overlaps the previous one in this process;
 * runs of other processes are settled by the database (retention.ts). A failure (the database
 * down, migrations pending) is logged and tried again at the next interval.
 * `TEJIDO_RETENTION_INTERVAL_MS` shortens the interval, or `off` stops the schedule: for tests
 * only (the test servers run without it unless a test asks, so no run lands in another test's data).
 */
export function startRetentionSchedule(
  connect: () => Promise<Connection>,
  settings: RetentionSettings,
  intervalMs = intervalFromEnv(),
) {
  if (intervalMs === 'off') return { stop: () => {} };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runRetention(await connect(), settings);
      console.log(
        `retention: erased ${run.erased} of ${run.due} withdrawn members due (withdrawn and last roll call before ${run.cutoff})`,
      );
    } catch (error) {
      console.error(
        `retention: the run failed and is tried again in ${Math.round(intervalMs / 60_000)} min: ${faultForLog(error)}`,
      );
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, Math.min(intervalMs, 60_000));
  first.unref();
  const every = setInterval(tick, intervalMs);
  every.unref();
  return { stop: () => (clearTimeout(first), clearInterval(every)) };
}

function intervalFromEnv(env: NodeJS.ProcessEnv = process.env): number | 'off' {
  if (env.TEJIDO_RETENTION_INTERVAL_MS === 'off') return 'off';
  const value = Number(env.TEJIDO_RETENTION_INTERVAL_MS);
  return Number.isFinite(value) && value >= 100 ? value : DAY_MS;
}

let own: Connection | undefined;

/**
 * The schedule's own connection (serve.ts cannot reach the bundle's). It never migrates: the
 * server does that on its first request and `npm run migrate` or `npm run admin` may be doing it
 * right now (SQLite has no migration lock across processes), so with migrations pending the run
 * waits for the next interval.
 */
export async function scheduleConnection(): Promise<Connection> {
  own ??= connect();
  const pending = await pendingMigrations(own.db);
  if (pending.length)
    throw new Error(
      `migrations pending (${pending.length}); the server runs them on its first request, or run npm run migrate`,
    );
  return own;
}
