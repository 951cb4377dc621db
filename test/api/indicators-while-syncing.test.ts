import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../../src/attendance/db/connect.ts';
import type { DatabaseTables } from '../../src/attendance/db/tables.ts';
import { loadDataset } from '../../bench/api-dataset.ts';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { counted } from '../support/pilot.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';

/**
 * Phones keep syncing while an admin reads the indicators (issue 13). On SQLite the indicators
 * run on the read worker (db/reads.ts); node:sqlite is synchronous, so on the main connection
 * they would stop the event loop and every request with it. The admin's read here covers 1,000
 * banks and 400,000 marks (written straight into the database): what is asserted is what
 * answers while it is in flight, never a duration.
 */
// The dataset's ten sessions: the counted ones of the programme, then others.
const tenSessions = [
  ...sessionsOfManual(sourceCurriculum(), 'genero-y-violencia'),
  ...sessionsOfManual(sourceCurriculum(), 'educacion-financiera'),
]
  .map((s) => s.id)
  .slice(0, 10);

describe.each(databases)('the server answers other requests while the indicators are being read, on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let db: Kysely<DatabaseTables>;
  const roster = members(12, 'W');

  beforeAll(async () => {
    api = await startApi(kind, 'whilesyncing');
    world = await seedWorld(api.server.url, api.admin);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status,
    ).toBe(200);
    db = connect(kind === 'postgresql' ? { DATABASE_URL: api.databaseUrl } : { DATA_DIR: api.server.dataDir }).db;
    const organisationId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    await loadDataset(
      db,
      kind,
      { organisationId, regionId: world.regions.b, facilitatorId: world.users.facB.id },
      tenSessions,
      { banks: 1000, membersPerBank: 40, deliveriesPerBank: 10 },
    );
  }, 300_000);
  afterAll(async () => {
    await db?.destroy();
    await api?.stop();
  });

  test('health checks and a phone’s roll call are answered before the admin’s indicators read ends', async () => {
    const events: string[] = [];
    let reading = true;
    const indicators = api.admin.get('/api/v1/indicators?programmeId=imagen-peru&groupBy=bank').then((answer) => {
      reading = false;
      events.push('indicators');
      return answer;
    });
    // Health checks one after another for as long as the read lasts.
    let healthy = 0;
    const checks = (async () => {
      while (reading) {
        const answer = await fetch(`${api.server.url}/api/health`);
        if (!reading) break;
        expect(answer.status).toBe(200);
        healthy++;
        if (healthy === 3) events.push('health×3');
      }
    })();
    // A roll call, sent once three health checks came back during the read.
    while (healthy < 3 && reading) await new Promise((resolve) => setTimeout(resolve, 1));
    const batch = await world.users.facA.client.post('/api/v1/attendance-batches', {
      delivery: {
        id: randomUUID(),
        bankId: world.banks.a1,
        sessionId: counted[0]?.id,
        deliveredOn: new Date().toISOString().slice(0, 10),
      },
      records: roster.map((m, i) => ({ id: randomUUID(), memberId: m.id, present: i % 2 === 0 })),
    });
    expect(batch.status, batch.text).toBe(200);
    if (reading) events.push('batch');
    const answer = await indicators;
    await checks;
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.groups).toHaveLength(1003);
    expect(events).toEqual(['health×3', 'batch', 'indicators']);
  });
});
