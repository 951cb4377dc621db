import { randomUUID } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { restoreBackup } from '../src/attendance/backup/restore.ts';
import { takeBackup } from '../src/attendance/backup/take.ts';
import { connect } from '../src/attendance/db/connect.ts';
import { migrateToLatest } from '../src/attendance/db/migrate.ts';
import { createAdmin } from '../src/attendance/organisation/organisation.service.ts';
import { sessionsOfManual } from '../src/curriculum/resolve.ts';
import { sourceCurriculum } from '../test/support/built-site.ts';
import { startClusterOnFreePort } from '../test/support/postgres-cluster.ts';
import { loadDataset } from './api-dataset.ts';
import type { Row } from './table.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `npm run backup` and `restore` on the programme-sized dataset (100,000 members, 1,000,000 attendance rows). */
export async function benchBackup(kind: 'sqlite' | 'postgresql'): Promise<Row[]> {
  process.env.PG_BIN ??= '/usr/lib/postgresql/15/bin';
  const cluster = kind === 'postgresql' ? await startClusterOnFreePort() : undefined;
  const env: NodeJS.ProcessEnv = cluster
    ? { DATABASE_URL: cluster.adminUrl }
    : { DATA_DIR: mkdtempSync(join(tmpdir(), 'tejido-bench-')) };
  try {
    const connection = connect(env);
    await migrateToLatest(connection.db);
    const { id: userId } = await createAdmin(connection.db, {
      organisationName: 'Bench',
      email: 'admin@bench.test',
      displayName: 'Admin',
      password: 'bench-password-2026',
    });
    const organisationId = (await connection.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    const regionId = randomUUID();
    await connection.db
      .insertInto('regions')
      .values({ id: regionId, organisationId, code: 'R1', name: 'Región', createdAt: new Date().toISOString() })
      .execute();
    const curriculum = sourceCurriculum();
    const sessionIds = [
      ...sessionsOfManual(curriculum, 'genero-y-violencia'),
      ...sessionsOfManual(curriculum, 'educacion-financiera'),
    ]
      .map((s) => s.id)
      .slice(0, 10);
    await loadDataset(connection.db, kind, { organisationId, regionId, facilitatorId: userId }, sessionIds);
    await connection.db.destroy();
    const source =
      kind === 'sqlite' ? `, database file ${mb(statSync(join(env.DATA_DIR!, 'tejido.sqlite')).size)}` : '';

    const taken = await takeBackup(env, mkdtempSync(join(tmpdir(), 'tejido-bench-backups-')));
    const target: NodeJS.ProcessEnv = { DATA_DIR: mkdtempSync(join(tmpdir(), 'tejido-bench-restored-')) };
    if (cluster) {
      const admin = new pg.Client({ connectionString: cluster.adminUrl });
      await admin.connect();
      await admin.query('create database restored');
      await admin.end();
      target.DATABASE_URL = cluster.adminUrl.replace(/\/postgres$/, '/restored');
    }
    const t0 = performance.now();
    await restoreBackup(taken.path, target);
    const restoreMs = performance.now() - t0;
    // The figure counts only if the copy is whole.
    const restored = connect(target);
    const { n } = await restored.db
      .selectFrom('attendance')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await restored.db.destroy();
    if (Number(n) !== 1_000_000) throw new Error(`the restored copy holds ${n} attendance rows, not 1,000,000`);
    return [
      {
        figure: `${kind}: npm run backup, 100,000 members + 1,000,000 attendance rows${source}`,
        value: `${mb(taken.manifest.bytes)} in ${seconds(taken.elapsedMs)}`,
      },
      {
        figure: `${kind}: npm run restore of that backup (checksum, checks, copy, migrations)`,
        value: seconds(restoreMs),
      },
    ];
  } finally {
    cluster?.stop();
  }
}
